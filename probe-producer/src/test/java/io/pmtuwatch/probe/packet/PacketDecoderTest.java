package io.pmtuwatch.probe.packet;

import static io.pmtuwatch.probe.packet.Fixtures.ETHERNET_IPV4;
import static io.pmtuwatch.probe.packet.Fixtures.ETHERNET_IPV6;
import static io.pmtuwatch.probe.packet.Fixtures.SLL2_IPV4;
import static io.pmtuwatch.probe.packet.Fixtures.SLL_IPV6;
import static io.pmtuwatch.probe.packet.Fixtures.SYN_ACK_OPTIONS;
import static io.pmtuwatch.probe.packet.Fixtures.SYN_OPTIONS;
import static io.pmtuwatch.probe.packet.Fixtures.ipv4;
import static io.pmtuwatch.probe.packet.Fixtures.ipv6;
import static io.pmtuwatch.probe.packet.Fixtures.length;
import static io.pmtuwatch.probe.packet.Fixtures.tcp;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PacketDecoderTest {

    private static final int SYN = 0x02;
    private static final int SYN_ACK = 0x12;
    private static final int RST_ACK = 0x14;

    private static byte[] ethernetIpv4(boolean fromClient, int flags, String options) {
        String tcp = tcp(fromClient, flags, options);
        return Hex.bytes(ETHERNET_IPV4 + ipv4(fromClient, length(tcp)) + tcp);
    }

    @Test
    void decodesLinuxSynOverEthernet() throws Exception {
        TcpPacket packet = PacketDecoder.tcp(LinkType.ETHERNET, ethernetIpv4(true, SYN, SYN_OPTIONS)).orElseThrow();

        assertThat(packet.ip().version()).isEqualTo(4);
        assertThat(packet.ip().source()).isEqualTo(InetAddress.getByName("192.168.0.2"));
        assertThat(packet.ip().destination()).isEqualTo(InetAddress.getByName("192.168.0.1"));
        assertThat(packet.ip().dontFragment()).isTrue();
        assertThat(packet.ip().hopLimit()).isEqualTo(64);
        assertThat(packet.ip().totalLength()).isEqualTo(60);
        assertThat(packet.tcp().sourcePort()).isEqualTo(50000);
        assertThat(packet.tcp().destinationPort()).isEqualTo(443);
        assertThat(packet.tcp().flags().isSynOnly()).isTrue();
        assertThat(packet.tcp().headerLength()).isEqualTo(40);
        assertThat(packet.tcp().window()).isEqualTo(64240);
        assertThat(packet.tcp().options())
                .isEqualTo(new TcpOptions(1460, 7, true, 0x01020304L, 0L, false));
    }

    @Test
    void decodesSynAck() {
        TcpPacket packet = PacketDecoder.tcp(LinkType.ETHERNET, ethernetIpv4(false, SYN_ACK, SYN_ACK_OPTIONS))
                .orElseThrow();

        assertThat(packet.tcp().flags().isSynAck()).isTrue();
        assertThat(packet.tcp().flags().isSynOnly()).isFalse();
        assertThat(packet.tcp().sourcePort()).isEqualTo(443);
        assertThat(packet.tcp().acknowledgment()).isEqualTo(2);
        assertThat(packet.tcp().options()).isEqualTo(new TcpOptions(1400, 9, true, 0x0a0b0c0dL, 0x01020304L, false));
    }

    @Test
    void resetCarriesNoOptions() {
        TcpPacket packet = PacketDecoder.tcp(LinkType.ETHERNET, ethernetIpv4(false, RST_ACK, "")).orElseThrow();

        assertThat(packet.tcp().flags().rst()).isTrue();
        assertThat(packet.tcp().flags().isSynAck()).isFalse();
        assertThat(packet.tcp().options()).isEqualTo(TcpOptions.NONE);
    }

    @Test
    void decodesIpv6SynInLinuxCookedCapture() throws Exception {
        String options = "020405a0 0402 080a01020304 00000000 01 030307";
        String tcp = tcp(true, SYN, options);
        byte[] frame = Hex.bytes(SLL_IPV6 + ipv6(true, length(tcp), 6) + tcp);

        TcpPacket packet = PacketDecoder.tcp(LinkType.LINUX_SLL, frame).orElseThrow();

        assertThat(packet.ip().version()).isEqualTo(6);
        assertThat(packet.ip().source()).isEqualTo(InetAddress.getByName("2001:db8::2"));
        assertThat(packet.ip().destination()).isEqualTo(InetAddress.getByName("2001:db8::1"));
        assertThat(packet.ip().totalLength()).isEqualTo(80);
        assertThat(packet.tcp().options().mss()).isEqualTo(1440);
    }

    @Test
    void walksIpv6ExtensionHeadersToTcp() {
        String hopByHop = "06 00 0104 00000000"; // next TCP, length 0 (8 bytes), PadN
        String tcp = tcp(false, SYN_ACK, SYN_ACK_OPTIONS);
        byte[] frame = Hex.bytes(ETHERNET_IPV6 + ipv6(false, 8 + length(tcp), 0) + hopByHop + tcp);

        TcpPacket packet = PacketDecoder.tcp(LinkType.ETHERNET, frame).orElseThrow();

        assertThat(packet.ip().protocol()).isEqualTo(6);
        assertThat(packet.tcp().options().mss()).isEqualTo(1400);
    }

    @Test
    void nonFirstIpv6FragmentHasNoTcpHeader() {
        String fragment = "06 00 0008 00000001"; // offset 1 (8 bytes): not the first fragment
        String tcp = tcp(true, SYN, SYN_OPTIONS);
        byte[] frame = Hex.bytes(ETHERNET_IPV6 + ipv6(true, 8 + length(tcp), 44) + fragment + tcp);

        assertThat(PacketDecoder.ip(LinkType.ETHERNET, frame)).get()
                .satisfies(ip -> assertThat(ip.firstFragment()).isFalse());
        assertThat(PacketDecoder.tcp(LinkType.ETHERNET, frame)).isEmpty();
    }

    @Test
    void decodesLinuxCookedV2AndRawIpAndVlan() {
        String tcp = tcp(true, SYN, SYN_OPTIONS);
        String ip = ipv4(true, length(tcp)) + tcp;

        assertThat(PacketDecoder.tcp(LinkType.LINUX_SLL2, Hex.bytes(SLL2_IPV4 + ip))).get()
                .satisfies(p -> assertThat(p.tcp().options().mss()).isEqualTo(1460));
        assertThat(PacketDecoder.tcp(LinkType.RAW, Hex.bytes(ip))).get()
                .satisfies(p -> assertThat(p.tcp().options().mss()).isEqualTo(1460));
        String vlanEthernet = "02000000000b 02000000000a 8100 0064 0800";
        assertThat(PacketDecoder.tcp(LinkType.ETHERNET, Hex.bytes(vlanEthernet + ip))).get()
                .satisfies(p -> assertThat(p.tcp().options().mss()).isEqualTo(1460));
        assertThat(LinkType.ofDlt(276)).contains(LinkType.LINUX_SLL2);
    }

    @Test
    void ignoresEthernetPaddingBeyondIpTotalLength() {
        String tcp = tcp(false, RST_ACK, "");
        byte[] frame = Hex.bytes(ETHERNET_IPV4 + ipv4(false, length(tcp)) + tcp + "000000000000");

        TcpPacket packet = PacketDecoder.tcp(LinkType.ETHERNET, frame).orElseThrow();

        assertThat(packet.ip().payload().remaining()).isEqualTo(20);
    }

    @Test
    void truncatedOptionsKeepWhatWasCapturedAndSayMalformed() {
        byte[] whole = ethernetIpv4(true, SYN, SYN_OPTIONS);
        // Cut inside the timestamps option: MSS and SACK-permitted were captured, the rest was not.
        byte[] cut = Arrays.copyOf(whole, 14 + 20 + 20 + 4 + 2 + 5);

        TcpPacket packet = PacketDecoder.tcp(LinkType.ETHERNET, cut).orElseThrow();

        assertThat(packet.tcp().options()).isEqualTo(new TcpOptions(1460, null, true, null, null, true));
    }

    @Test
    void truncatedHeadersDecodeToNothing() {
        byte[] whole = ethernetIpv4(true, SYN, SYN_OPTIONS);
        for (int length = 0; length < 14 + 20 + 20; length++) {
            byte[] cut = Arrays.copyOf(whole, length);
            assertThat(PacketDecoder.tcp(LinkType.ETHERNET, cut)).as("cut at %d", length).isEmpty();
        }
    }

    @Test
    void zeroLengthOptionEndsTheWalkWithoutLooping() {
        String options = "020405b4 2200 0402 0000"; // unknown kind 34 with length 0
        TcpPacket packet = PacketDecoder.tcp(LinkType.ETHERNET, ethernetIpv4(true, SYN, options)).orElseThrow();

        assertThat(packet.tcp().options()).isEqualTo(new TcpOptions(1460, null, false, null, null, true));
    }

    @Test
    void optionLongerThanTheHeaderIsMalformed() {
        String options = "0402 08ff00000000 00000000"; // timestamps claiming 255 bytes
        TcpPacket packet = PacketDecoder.tcp(LinkType.ETHERNET, ethernetIpv4(true, SYN, options)).orElseThrow();

        assertThat(packet.tcp().options()).isEqualTo(new TcpOptions(null, null, true, null, null, true));
    }

    @Test
    void wrongLengthForAKnownOptionIsSkippedAndFlagged() {
        String options = "020305 030307 01 01"; // MSS with length 3, then a valid window scale
        TcpPacket packet = PacketDecoder.tcp(LinkType.ETHERNET, ethernetIpv4(true, SYN, options)).orElseThrow();

        assertThat(packet.tcp().options()).isEqualTo(new TcpOptions(null, 7, false, null, null, true));
    }

    @Test
    void kindWithoutLengthByteAtTheEndIsMalformed() {
        String options = "01010102"; // NOPs, then MSS kind with no length byte
        TcpPacket packet = PacketDecoder.tcp(LinkType.ETHERNET, ethernetIpv4(true, SYN, options)).orElseThrow();

        assertThat(packet.tcp().options().malformed()).isTrue();
        assertThat(packet.tcp().options().mss()).isNull();
    }

    @Test
    void everyByteValueInTheOptionsNeverThrows() {
        // Exhaustive over the first two option bytes (kind, length): the decoder must always return.
        for (int kind = 0; kind < 256; kind++) {
            for (int len = 0; len < 256; len++) {
                String options = String.format("%02x%02x0000 00000000", kind, len);
                byte[] frame = ethernetIpv4(true, SYN, options);
                assertThat(PacketDecoder.tcp(LinkType.ETHERNET, frame)).isPresent();
            }
        }
    }

    @Test
    void nonIpFramesAreEmpty() {
        byte[] arp = Hex.bytes("ffffffffffff 02000000000a 0806 0001 0800 0604 0001");
        assertThat(PacketDecoder.ip(LinkType.ETHERNET, arp)).isEmpty();
        assertThat(PacketDecoder.ip(LinkType.RAW, Hex.bytes("00"))).isEmpty();
    }
}
