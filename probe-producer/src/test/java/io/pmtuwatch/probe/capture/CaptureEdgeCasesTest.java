package io.pmtuwatch.probe.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The per-file expectations of the shared captures' README, beyond the manifest's counts: PMTU and
 * effective MSS per flow, invalid PTBs, tunnels, offload, scanners, damage. Licensed files come from
 * the test resources; the others from ../shared/captures (skipped with a message when absent).
 */
class CaptureEdgeCasesTest {

    private static Path bundled(String file) throws Exception {
        return BundledCapturesTest.directory().resolve(file);
    }

    private static List<String> codes(JsonNode flow) {
        List<String> codes = new ArrayList<>();
        flow.get("findings").forEach(f -> codes.add(f.get("code").asText()));
        return codes;
    }

    @Test
    void smbFragNeededWithShortQuoteLowersPmtuTo1350() throws Exception {
        AnalyzeRun run = AnalyzeRun.of(SharedCaptures.require("pmtud_smb_fragneeded1350.pcapng"));
        JsonNode flow = run.flowTo("192.168.1.169:445");
        // The quotes claim 548 bytes (< MTU) and carry bad checksums: still accepted, judged on the 1500-byte
        // segments the flow sent before.
        assertThat(flow.get("pmtu").asInt()).isEqualTo(1350);
        assertThat(flow.get("effectiveMss").asInt()).isEqualTo(1310);
        assertThat(flow.get("ptbs")).allSatisfy(p -> assertThat(p.get("valid").asBoolean()).isTrue());
        assertThat(codes(flow)).contains("OVERSIZED_MSS");
        assertThat(run.json().get("routers").get(0).get("address").asText()).isEqualTo("192.168.1.1");
    }

    @Test
    void smtpPppoeMtu1492() throws Exception {
        AnalyzeRun run = AnalyzeRun.of(bundled("zeek_smtp_fragneeded1492.pcap"));
        JsonNode flow = run.flowTo("74.53.140.153:25");
        assertThat(flow.get("pmtu").asInt()).isEqualTo(1492);
        assertThat(flow.get("effectiveMss").asInt()).isEqualTo(1452);
        assertThat(flow.get("notes").toString()).contains("client's largest packet was 1492");
        assertThat(run.flowTo("17.167.150.73:443").get("pmtu").isNull()).isTrue();
    }

    @Test
    void fragNeededFromTheDestinationWithOversizedQuotes() throws Exception {
        AnalyzeRun run = AnalyzeRun.of(bundled("suricata_filestore5408_fragneeded1500.pcap"));
        List<String> affected = new ArrayList<>();
        run.json().get("flows").forEach(f -> {
            if (f.get("ptbs").size() > 0) {
                affected.add(f.get("client").asText());
                assertThat(f.get("pmtu").asInt()).isEqualTo(1500);
                assertThat(f.get("effectiveMss").asInt()).isEqualTo(1460);
            }
        });
        assertThat(affected).containsExactly("172.16.133.54:64540", "172.16.133.54:64670", "172.16.133.54:64694",
                "172.16.133.54:64736");
        assertThat(run.json().get("mtuEvents").get(0).get("notes").toString())
                .contains("own destination").contains("coalesced");
    }

    @Test
    void sixInFourTunnelPtb() throws Exception {
        AnalyzeRun run = AnalyzeRun.of(bundled("ndpi_6in4tunnel_ptb1460.pcap"));
        JsonNode flow = run.flowTo("[2a03:2880:1010:6f03:face:b00c:0:2]:443");
        assertThat(flow.get("pmtu").asInt()).isEqualTo(1460);
        assertThat(flow.get("encapsulations").toString()).contains("IPV6_IN_IPV4");
        assertThat(flow.get("notes").toString()).contains("leaves 1480");
        // Receive-offload frames above 1500 are not taken for wire packets.
        assertThat(flow.get("largestFromClient").asInt()).isLessThanOrEqualTo(1480);
    }

    @Test
    void ipv6PtbBelow1280IsFlaggedInvalid() throws Exception {
        JsonNode event = AnalyzeRun.of(bundled("suricata_atomicfrag_toobig1200.pcap")).json().get("mtuEvents").get(0);
        assertThat(event.get("mtu").asInt()).isEqualTo(1200);
        assertThat(event.get("valid").asBoolean()).isFalse();
        assertThat(event.get("invalidReason").asText()).contains("1280");
        assertThat(event.get("notes").toString()).contains("link-local");
    }

    @Test
    void ptb777QuotingA4in6PacketNamesTheInnerFlowAndIsInvalid() throws Exception {
        JsonNode event = AnalyzeRun.of(bundled("snabb_icmpv6_ptb777_4in6.pcap")).json().get("mtuEvents").get(0);
        assertThat(event.get("valid").asBoolean()).isFalse();
        assertThat(event.get("quotedFlow").asText()).isEqualTo("tcp 149.174.156.93:54192 > 178.79.150.233:80");
    }

    @Test
    void fragNeededInside4in6() throws Exception {
        JsonNode event = AnalyzeRun.of(bundled("snabb_4in6_icmpv4_fragneeded1240.pcap")).json().get("mtuEvents")
                .get(0);
        assertThat(event.get("mtu").asInt()).isEqualTo(1240);
        assertThat(event.get("router").asText()).isEqualTo("2.3.4.5");
        assertThat(event.get("quotedFlow").asText()).isEqualTo("tcp 178.79.150.15:2300 > 2.3.4.5:2700");
        assertThat(event.get("valid").asBoolean()).isTrue();
    }

    @Test
    void pingPmtuIpv4AndIpv6() throws Exception {
        JsonNode v4 = AnalyzeRun.of(SharedCaptures.require("ps_ipv4_packet_too_big_1400.pcapng")).flowTo("10.2.5.5:0");
        assertThat(v4.get("protocol").asText()).isEqualTo("icmp");
        assertThat(v4.get("pmtu").asInt()).isEqualTo(1400);
        JsonNode v6 = AnalyzeRun.of(SharedCaptures.require("ps_ipv6_packet_too_big_1400.pcapng"))
                .flowTo("[fc00:10:2:5::5]:0");
        assertThat(v6.get("pmtu").asInt()).isEqualTo(1400);
    }

    @Test
    void pppoeQinqGreMplsAndCookedLinksReachTcp() throws Exception {
        assertThat(AnalyzeRun.of(bundled("suricata_pppoe_http_mss1452.pcap")).flowTo("142.250.179.131:80")
                .get("effectiveMss").asInt()).isEqualTo(1430);
        JsonNode qinq = AnalyzeRun.of(bundled("zeek_pppoe_over_qinq.pcap")).json().get("flows").get(0);
        assertThat(qinq.get("mssSent").asInt()).isEqualTo(1440);
        assertThat(qinq.get("mssReceived").asInt()).isEqualTo(1440);
        assertThat(qinq.get("encapsulations").toString()).contains("QINQ").contains("PPPOE");
        JsonNode gre = AnalyzeRun.of(bundled("zeek_gre_sample_mss1436.pcap")).flowTo("172.28.2.3:22");
        assertThat(gre.get("effectiveMss").asInt()).isEqualTo(1436);
        AnalyzeRun mixed = AnalyzeRun.of(bundled("zeek_mixed_vlan_mpls.pcap"));
        JsonNode mpls = mixed.flowTo("10.34.0.1:23");
        assertThat(mpls.get("mssSent").asInt()).isEqualTo(536);
        assertThat(mpls.get("mssReceived").isNull()).isTrue();
        assertThat(mpls.get("notes").toString()).contains("one-sided");
        assertThat(mixed.flowTo("10.0.0.15:80").get("effectiveMss").asInt()).isEqualTo(1440);
        assertThat(AnalyzeRun.of(bundled("ndpi_4in6tunnel.pcap")).flowTo("10.10.10.1:443").get("effectiveMss")
                .asInt()).isEqualTo(1400);
    }

    @Test
    void synSplitIntoThreeFragmentsIsReassembled() throws Exception {
        AnalyzeRun run = AnalyzeRun.of(bundled("suricata_syn_in_ipv4_frags_vlan.pcap"));
        assertThat(run.json().get("counts").get("reassembledDatagrams").asInt()).isEqualTo(1);
        JsonNode flow = run.flowTo("2.2.2.2:8080");
        assertThat(flow.get("synCount").asInt()).isEqualTo(1);
        assertThat(flow.get("mssSent").isNull()).isTrue();
    }

    @Test
    void badTcpOptionLengthDoesNotHideTheSynAckMss() throws Exception {
        AnalyzeRun run = AnalyzeRun.of(bundled("suricata_urgent11_bad_tcpopt_sll.pcap"));
        assertThat(run.summary().get("synMss").toString()).isEqualTo("{\"none\":3}");
        assertThat(run.summary().get("synAckMss").toString()).isEqualTo("{\"1420\":2}");
    }

    @Test
    void offloadSuperSegmentsAreNotAPathMtu() throws Exception {
        AnalyzeRun run = AnalyzeRun.of(bundled("zeek_kerberos_tso_oversize.pcapng"));
        run.json().get("flows").forEach(f -> {
            assertThat(f.get("largestFromClient").asInt()).isLessThanOrEqualTo(1500);
            assertThat(f.get("largestFromServer").asInt()).isLessThanOrEqualTo(1500);
            assertThat(f.get("pmtu").isNull() || f.get("pmtu").asInt() <= 1500).isTrue();
        });
        assertThat(run.json().get("notes").toString()).contains("offload");
    }

    @Test
    void damagedFileIsReadUpToTheDamageWithItsOffset() throws Exception {
        AnalyzeRun run = AnalyzeRun.of(bundled("suricata_corrupt_record_after6.pcap"));
        assertThat(run.exitCode()).isEqualTo(AnalyzeCommand.PARTIAL);
        JsonNode damage = run.json().get("damage");
        assertThat(damage.get("framesRead").asInt()).isEqualTo(6);
        // 24-byte file header + six records (16-byte header + data each).
        assertThat(damage.get("offset").asLong()).isEqualTo(5035);
        assertThat(damage.get("message").asText()).contains("4325376");
        assertThat(run.stderr()).contains("damaged").contains("5035");
        assertThat(run.json().get("flows").get(0).get("mssSent").asInt()).isEqualTo(65495);
    }

    @Test
    void nmapProbesDrawNoPathConclusion() throws Exception {
        AnalyzeRun run = AnalyzeRun.of(SharedCaptures.require("cs_nmap_os_fingerprint.pcapng"));
        run.json().get("flows").forEach(f -> assertThat(codes(f)).doesNotContain("UNDERSIZED_MSS"));
        assertThat(run.json().get("notes").toString()).contains("scanner").contains("without SYN carry an MSS");
    }

    @Test
    void snaplenCutFramesUseIpLengths() throws Exception {
        AnalyzeRun run = AnalyzeRun.of(SharedCaptures.require("pp_slowfile_clientside_snaplen.pcapng"));
        JsonNode flow = run.json().get("flows").get(0);
        assertThat(flow.get("effectiveMss").asInt()).isEqualTo(1432);
        assertThat(run.json().get("counts").get("snaplenCutFrames").asInt()).isEqualTo(82);
        assertThat(Math.max(flow.get("largestFromClient").asInt(), flow.get("largestFromServer").asInt()))
                .isGreaterThan(54);
    }

    @Test
    void sameSynAckMssFromEveryServerSuggestsAClamp() throws Exception {
        AnalyzeRun run = AnalyzeRun.of(SharedCaptures.require("ppp_example2_synack_clamped1360.pcap"));
        assertThat(run.json().get("notes").toString()).contains("suspected MSS clamp").contains("1360")
                .contains("largest IP packet seen 1400");
        run.json().get("flows").forEach(f -> {
            if (!f.get("mssReceived").isNull()) {
                assertThat(f.get("effectiveMss").asInt()).isEqualTo(1360);
            }
        });
    }

    @Test
    void ipv6ClientAdvertising1220OverCookedCapture() throws Exception {
        AnalyzeRun run = AnalyzeRun.of(SharedCaptures.require("pp_dns_full_recursion_sll_v6.pcapng"));
        assertThat(run.flowTo("[2001:500:12::d0d]:53").get("effectiveMss").asInt()).isEqualTo(1220);
    }
}
