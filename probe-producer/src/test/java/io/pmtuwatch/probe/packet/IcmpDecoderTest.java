package io.pmtuwatch.probe.packet;

import static io.pmtuwatch.probe.packet.Fixtures.length;
import static io.pmtuwatch.probe.packet.Fixtures.tcp;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** ICMP frag-needed and ICMPv6 packet-too-big with their quotes, on hand-written frames. */
class IcmpDecoderTest {

    private static final String MACS = "02000000000b 02000000000a";
    private static final int SYN = 0x02;

    /** IPv4 header as a router 10.0.0.254 -> 192.168.0.2 sends it, TTL 63, protocol ICMP. */
    private static String icmpV4Header(int payloadLength) {
        return "4500" + String.format("%04x", 20 + payloadLength) + " 0000 0000 3f01 0000 0a0000fe c0a80002";
    }

    /** The quoted packet: 192.168.0.2:50000 -> 192.168.0.1:443, claiming {@code totalLength} bytes. */
    private static String quotedV4(int totalLength, String transport) {
        return "4500" + String.format("%04x", totalLength) + " 1c46 4000 40 06 0000 c0a80002 c0a80001" + transport;
    }

    private static Frame frame(String hex) {
        return FrameDecoder.decode(LinkType.ETHERNET, Hex.bytes(hex));
    }

    @Test
    void fragNeededCarriesTheNextHopMtuAndTheQuotedFlow() {
        String quote = quotedV4(1500, "c350 01bb 00000001");
        String icmp = "03 04 0000 0000 0578" + quote;
        Frame frame = frame(MACS + "0800" + icmpV4Header(length(icmp)) + icmp);

        IcmpMessage message = frame.icmp();
        assertThat(message.kind()).isEqualTo(IcmpKind.FRAG_NEEDED);
        assertThat(message.mtu()).isEqualTo(1400);
        assertThat(message.quote().ip().totalLength()).isEqualTo(1500);
        assertThat(message.quote().sourcePort()).isEqualTo(50000);
        assertThat(message.quote().destinationPort()).isEqualTo(443);
        // Only 8 bytes of TCP quoted: ports yes, the header (and its options) no.
        assertThat(message.quote().tcp()).isNull();
        assertThat(message.quote().tcpHeaderQuoted()).isFalse();
    }

    @Test
    void timeExceededQuotingAWholeSynShowsItsMss() {
        String syn = tcp(true, SYN, "020404b0 01010402");
        String quote = quotedV4(20 + length(syn), syn);
        String icmp = "0b 00 0000 00000000" + quote;
        IcmpMessage message = frame(MACS + "0800" + icmpV4Header(length(icmp)) + icmp).icmp();

        assertThat(message.kind()).isEqualTo(IcmpKind.TIME_EXCEEDED);
        assertThat(message.quote().tcpHeaderQuoted()).isTrue();
        assertThat(message.quote().tcp().options().mss()).isEqualTo(1200);
    }

    @Test
    void badChecksumIsTolerated() {
        String icmp = "03 04 dead 0000 0546" + quotedV4(548, "01bd 078f 00000001");
        IcmpMessage message = frame(MACS + "0800" + icmpV4Header(length(icmp)) + icmp).icmp();
        assertThat(message.mtu()).isEqualTo(1350);
        assertThat(message.quote().ip().totalLength()).isEqualTo(548);
    }

    @Test
    void ipv6PacketTooBigWithThirtyTwoBitMtu() {
        String inner = "60000000 0590 06 40 20010db8000000000000000000000002 20010db8000000000000000000000001"
                + "c350 01bb 00000001";
        String icmp = "02 00 0000 00000500" + inner;
        String outer = "60000000" + String.format("%04x", length(icmp))
                + "3a 3f 20010db80000000000000000000000fe 20010db8000000000000000000000002";
        IcmpMessage message = frame(MACS + "86dd" + outer + icmp).icmp();
        assertThat(message.kind()).isEqualTo(IcmpKind.PACKET_TOO_BIG);
        assertThat(message.mtu()).isEqualTo(1280);
        assertThat(message.quote().ip().totalLength()).isEqualTo(40 + 0x590);
        assertThat(message.quote().destinationPort()).isEqualTo(443);
    }

    @Test
    void quoteTooShortForAnIpHeaderLeavesNoQuote() {
        String icmp = "03 04 0000 0000 0578 4500";
        Frame frame = frame(MACS + "0800" + icmpV4Header(length(icmp)) + icmp);
        assertThat(frame.icmp().mtu()).isEqualTo(1400);
        assertThat(frame.icmp().quote()).isNull();
    }

    @Test
    void echoIsNotAnError() {
        String icmp = "08 00 0000 1234 0001";
        Frame frame = frame(MACS + "0800" + icmpV4Header(length(icmp)) + icmp);
        assertThat(frame.status()).isEqualTo(Frame.Status.DECODED);
        assertThat(frame.icmp()).isNull();
    }
}
