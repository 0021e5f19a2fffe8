package io.pmtuwatch.probe.packet;

import static io.pmtuwatch.probe.packet.Fixtures.SYN_OPTIONS;
import static io.pmtuwatch.probe.packet.Fixtures.ipv4;
import static io.pmtuwatch.probe.packet.Fixtures.ipv6;
import static io.pmtuwatch.probe.packet.Fixtures.length;
import static io.pmtuwatch.probe.packet.Fixtures.tcp;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** Link layers and tunnels down to the SYN inside, on hand-written frames. */
class EncapsulationDecoderTest {

    private static final int SYN = 0x02;
    private static final String MACS = "02000000000b 02000000000a";
    private static final String SYN_V4 = synV4();
    private static final String SYN_V6 = synV6();

    private static String synV4() {
        String tcp = tcp(true, SYN, SYN_OPTIONS);
        return ipv4(true, length(tcp)) + tcp;
    }

    private static String synV6() {
        String tcp = tcp(true, SYN, "020405a0");
        return ipv6(true, length(tcp), 6) + tcp;
    }

    /** IPv4 outer header 10.0.0.1 -> 10.0.0.2 carrying {@code protocol}. */
    private static String outerV4(int protocol, String payload) {
        return "4500" + String.format("%04x", 20 + length(payload)) + " 0000 4000 40" + String.format("%02x", protocol)
                + "0000 0a000001 0a000002" + payload;
    }

    private static Frame decode(String hex) {
        return FrameDecoder.decode(LinkType.ETHERNET, Hex.bytes(hex));
    }

    private static void assertSyn(Frame frame, int mss) {
        assertThat(frame.status()).isEqualTo(Frame.Status.DECODED);
        assertThat(frame.tcp()).isNotNull();
        assertThat(frame.tcp().flags().isSynOnly()).isTrue();
        assertThat(frame.tcp().options().mss()).isEqualTo(mss);
    }

    @Test
    void qinqThenPppoeSessionWithFullProtocolField() {
        String ppp = "0021" + SYN_V4;
        String pppoe = "1100 002d" + String.format("%04x", length(ppp)) + ppp;
        Frame frame = decode(MACS + "88a8 0064 8100 00c8 8864" + pppoe);
        assertSyn(frame, 1460);
        assertThat(Encapsulations.of(frame.encapsulations()))
                .contains(Encapsulation.VLAN, Encapsulation.QINQ, Encapsulation.PPPOE);
    }

    @Test
    void pppoeWithCompressedProtocolField() {
        String pppoe = "1100 002d" + String.format("%04x", 1 + length(SYN_V4)) + "21" + SYN_V4;
        assertSyn(decode(MACS + "8864" + pppoe), 1460);
    }

    @Test
    void pppoeControlTrafficIsNotIp() {
        assertThat(decode(MACS + "8864 1100 002d 0004 c021 0101").status()).isEqualTo(Frame.Status.NOT_IP);
    }

    @Test
    void mplsLabelStackOfTwo() {
        // label 100 (S=0), label 200 (S=1), then IPv4 guessed from the first nibble.
        Frame frame = decode(MACS + "8847 00064 0ff 000c8 1ff".replace(" ", "") + SYN_V4);
        assertSyn(frame, 1460);
        assertThat(frame.hasEncapsulation(Encapsulation.MPLS)).isTrue();
    }

    @Test
    void mplsPseudowireWithControlWordAndInnerEthernet() {
        Frame frame = decode(MACS + "8847 000641ff 00000000" + MACS + "0800" + SYN_V4);
        assertSyn(frame, 1460);
    }

    @Test
    void greWithKeyCarryingIpv4() {
        String gre = "2000 0800 0000002a" + SYN_V4;
        Frame frame = decode(MACS + "0800" + outerV4(47, gre));
        assertSyn(frame, 1460);
        assertThat(frame.hasEncapsulation(Encapsulation.GRE)).isTrue();
        assertThat(frame.outer().protocol()).isEqualTo(47);
        assertThat(frame.ip().source()).isEqualTo(addr("192.168.0.2"));
    }

    @Test
    void greTransparentEthernetBridging() {
        String gre = "0000 6558" + MACS + "0800" + SYN_V4;
        assertSyn(decode(MACS + "0800" + outerV4(47, gre)), 1460);
    }

    @Test
    void sixInFour() {
        Frame frame = decode(MACS + "0800" + outerV4(41, SYN_V6));
        assertSyn(frame, 1440);
        assertThat(frame.hasEncapsulation(Encapsulation.IPV6_IN_IPV4)).isTrue();
        assertThat(frame.ip().version()).isEqualTo(6);
        assertThat(frame.outer().version()).isEqualTo(4);
    }

    @Test
    void fourInSix() {
        String outer = ipv6(true, length(SYN_V4), 4) + SYN_V4;
        Frame frame = decode(MACS + "86dd" + outer);
        assertSyn(frame, 1460);
        assertThat(frame.hasEncapsulation(Encapsulation.IPV4_IN_IPV6)).isTrue();
    }

    @Test
    void vxlanInnerFrame() {
        String inner = MACS + "8100 0005 0800" + SYN_V4;
        String vxlan = "08000000 00000100" + inner;
        String udp = "c000 12b5" + String.format("%04x", 8 + length(vxlan)) + "0000" + vxlan;
        Frame frame = decode(MACS + "0800" + outerV4(17, udp));
        assertSyn(frame, 1460);
        assertThat(Encapsulations.of(frame.encapsulations())).contains(Encapsulation.VXLAN, Encapsulation.VLAN);
    }

    @Test
    void udpToAnotherPortIsNotVxlan() {
        String vxlan = "08000000 00000100" + MACS + "0800" + SYN_V4;
        String udp = "c000 0035" + String.format("%04x", 8 + length(vxlan)) + "0000" + vxlan;
        Frame frame = decode(MACS + "0800" + outerV4(17, udp));
        assertThat(frame.tcp()).isNull();
        assertThat(frame.ip().protocol()).isEqualTo(17);
    }

    @Test
    void ipv6FragmentHeaderPieceStopsAtTheFragment() {
        // Fragment header: next TCP, offset 8 bytes (1 unit), M=1, id 0x01020304.
        String fragment = "06 00 0009 01020304" + "0000000000000000";
        Frame frame = decode(MACS + "86dd" + ipv6(true, length(fragment), 44) + fragment);
        assertThat(frame.ip().isFragmentPiece()).isTrue();
        assertThat(frame.ip().fragment()).isEqualTo(new Fragment(0x01020304L, 8, true));
        assertThat(frame.ip().protocol()).isEqualTo(6);
        assertThat(frame.tcp()).isNull();
    }

    @Test
    void ipv6AtomicFragmentIsWhole() {
        String tcp = tcp(true, SYN, "020405a0");
        String fragment = "06 00 0000 0000abcd" + tcp;
        Frame frame = decode(MACS + "86dd" + ipv6(true, length(fragment), 44) + fragment);
        assertThat(frame.ip().isWhole()).isTrue();
        assertSyn(frame, 1440);
    }

    private static InetAddress addr(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
