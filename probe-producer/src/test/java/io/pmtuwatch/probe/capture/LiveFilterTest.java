package io.pmtuwatch.probe.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.pmtuwatch.probe.handshake.PcapLibrary;
import io.pmtuwatch.probe.packet.Encapsulation;
import io.pmtuwatch.probe.packet.Frame;
import io.pmtuwatch.probe.packet.FrameDecoder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.Pcaps;
import org.pcap4j.packet.namednumber.DataLinkType;

/**
 * The sensor's BPF filter, compiled by libpcap and run over real frames: it keeps exactly the SYNs,
 * SYN-ACKs and ICMP errors (untagged and VLAN-tagged) and nothing of the bulk traffic.
 */
class LiveFilterTest {

    private static long[] keptAndWanted(Path file) throws Exception {
        PcapLibrary.configure();
        long kept = 0;
        long wanted = 0;
        try (PcapHandle dead = Pcaps.openDead(DataLinkType.EN10MB, 65535);
             OfflineCapture capture = OfflineCapture.open(file)) {
            BpfProgram filter = dead.compileFilter(LiveFilter.expression(), BpfProgram.BpfCompileMode.OPTIMIZE,
                    PcapHandle.PCAP_NETMASK_UNKNOWN);
            CapturedFrame frame;
            while ((frame = capture.next()) != null) {
                boolean pass = filter.applyFilter(frame.bytes(), frame.originalLength(), frame.bytes().length);
                Frame decoded = FrameDecoder.decode(capture.linkType(), frame.bytes());
                // Plain or behind one 802.1Q tag: what the filter promises (MPLS, PPPoE, tunnels are out of its reach).
                boolean reachable = (decoded.encapsulations() & ~Encapsulation.VLAN.bit()) == 0;
                boolean want = reachable && (decoded.icmp() != null
                        || decoded.tcp() != null && decoded.tcp().flags().syn());
                assertThat(pass).as("frame %d of %s", frame.number(), file.getFileName()).isEqualTo(want);
                kept += pass ? 1 : 0;
                wanted += want ? 1 : 0;
            }
            filter.free();
        }
        return new long[] {kept, wanted};
    }

    @Test
    void keepsSynsAndFragNeededAndDropsBulk() throws Exception {
        long[] smtp = keptAndWanted(BundledCapturesTest.directory().resolve("zeek_smtp_fragneeded1492.pcap"));
        assertThat(smtp[0]).isEqualTo(6 + 4); // 3 SYN, 3 SYN-ACK, 4 frag-needed out of 125 frames
    }

    /** With {@code --encapsulated}: every SYN and ICMP error inside a tunnel reaches the decoder. */
    private static long[] tunnelledKeptAndWanted(Path file, boolean encapsulated) throws Exception {
        PcapLibrary.configure();
        long kept = 0;
        long wanted = 0;
        int tunnels = Encapsulation.GRE.bit() | Encapsulation.IPV4_IN_IPV4.bit() | Encapsulation.IPV6_IN_IPV4.bit()
                | Encapsulation.IPV4_IN_IPV6.bit() | Encapsulation.IPV6_IN_IPV6.bit() | Encapsulation.VXLAN.bit();
        try (PcapHandle dead = Pcaps.openDead(DataLinkType.EN10MB, 65535);
             OfflineCapture capture = OfflineCapture.open(file)) {
            BpfProgram filter = dead.compileFilter(LiveFilter.expression(encapsulated),
                    BpfProgram.BpfCompileMode.OPTIMIZE, PcapHandle.PCAP_NETMASK_UNKNOWN);
            CapturedFrame frame;
            while ((frame = capture.next()) != null) {
                boolean pass = filter.applyFilter(frame.bytes(), frame.originalLength(), frame.bytes().length);
                Frame decoded = FrameDecoder.decode(capture.linkType(), frame.bytes());
                boolean tunnelled = (decoded.encapsulations() & tunnels) != 0;
                boolean want = tunnelled && (decoded.icmp() != null
                        || decoded.tcp() != null && decoded.tcp().flags().syn());
                if (want && encapsulated) {
                    assertThat(pass).as("tunnelled frame %d of %s", frame.number(), file.getFileName()).isTrue();
                }
                kept += pass && want ? 1 : 0;
                wanted += want ? 1 : 0;
            }
            filter.free();
        }
        return new long[] {kept, wanted};
    }

    @Test
    void withEncapsulatedTheSynsAndErrorsInsideTunnelsGetThrough() throws Exception {
        for (String name : List.of("zeek_gre_sample_mss1436.pcap", "ndpi_6in4tunnel_ptb1460.pcap",
                "ndpi_4in6tunnel.pcap", "snabb_4in6_icmpv4_fragneeded1240.pcap")) {
            Path file = BundledCapturesTest.directory().resolve(name);
            long[] deep = tunnelledKeptAndWanted(file, true);
            long[] plain = tunnelledKeptAndWanted(file, false);
            assertThat(deep[1]).as("%s has tunnelled SYNs or ICMP errors", name).isPositive();
            assertThat(deep[0]).as(name).isEqualTo(deep[1]);
            assertThat(plain[0]).as("the default filter does not see into %s", name).isLessThan(plain[1]);
        }
    }

    @Test
    void encapsulatedChangesNothingOnPlainTraffic() throws Exception {
        PcapLibrary.configure();
        try (PcapHandle dead = Pcaps.openDead(DataLinkType.EN10MB, 65535);
             OfflineCapture capture = OfflineCapture.open(
                     BundledCapturesTest.directory().resolve("zeek_smtp_fragneeded1492.pcap"))) {
            BpfProgram plain = dead.compileFilter(LiveFilter.expression(false), BpfProgram.BpfCompileMode.OPTIMIZE,
                    PcapHandle.PCAP_NETMASK_UNKNOWN);
            BpfProgram deep = dead.compileFilter(LiveFilter.expression(true), BpfProgram.BpfCompileMode.OPTIMIZE,
                    PcapHandle.PCAP_NETMASK_UNKNOWN);
            CapturedFrame frame;
            while ((frame = capture.next()) != null) {
                assertThat(deep.applyFilter(frame.bytes(), frame.originalLength(), frame.bytes().length))
                        .isEqualTo(plain.applyFilter(frame.bytes(), frame.originalLength(), frame.bytes().length));
            }
            plain.free();
            deep.free();
        }
    }

    @Test
    void keepsSynsBehindAVlanTag() throws Exception {
        long[] mixed = keptAndWanted(BundledCapturesTest.directory().resolve("zeek_mixed_vlan_mpls.pcap"));
        // The MPLS SYN is not matched (BPF cannot see through the label stack): 4 of the 5 handshake frames.
        assertThat(mixed[0]).isEqualTo(4);
    }

    /**
     * A sender sent a packet-too-big is watched: its packets to that receiver above the MTU pass (so its
     * resends are seen), its smaller ones and other flows' full-size ones stay out; IPv4 and IPv6.
     */
    @Test
    void aWatchedSendersOversizedPacketsPassAndNothingElseOfTheBulk() throws Exception {
        PcapLibrary.configure();
        for (String[] pair : new String[][] {{"192.168.0.2", "192.168.0.1"}, {"fd00::2", "fd00::1"}}) {
            WireFrames watched = new WireFrames(pair[0], 50000, pair[1], 80);
            WireFrames other = new WireFrames(pair[0], 50001, pair[1], 80);
            boolean v6 = pair[0].contains(":");
            int mss = v6 ? 1440 : 1460;
            PtbWatch watch = new PtbWatch(new Endpoint(java.net.InetAddress.getByName(pair[1]), 80),
                    new Endpoint(java.net.InetAddress.getByName(pair[0]), 50000), 1400);
            try (PcapHandle dead = Pcaps.openDead(DataLinkType.EN10MB, 65535)) {
                BpfProgram filter = dead.compileFilter(LiveFilter.expression(false, List.of(watch)),
                        BpfProgram.BpfCompileMode.OPTIMIZE, PcapHandle.PCAP_NETMASK_UNKNOWN);
                java.util.function.Predicate<byte[]> passes = f -> filter.applyFilter(f, f.length, f.length);
                assertThat(passes.test(watched.segment(false, 101, 91, WireFrames.ACK, mss, null))).as("%s resend", pair[1])
                        .isTrue();
                assertThat(passes.test(watched.segment(false, 101, 91, WireFrames.ACK, 1300, null))).as("fits").isFalse();
                assertThat(passes.test(watched.segment(true, 91, 101, WireFrames.ACK, mss, null))).as("other way")
                        .isFalse();
                assertThat(passes.test(other.segment(false, 101, 91, WireFrames.ACK, mss, null))).as("other flow")
                        .isFalse();
                assertThat(passes.test(other.segment(true, 0, 0, WireFrames.SYN, 0, mss))).as("SYNs still").isTrue();
                filter.free();
            }
            assertThat(LiveFilter.expression(false, List.of())).isEqualTo(LiveFilter.expression(false));
        }
    }
}
