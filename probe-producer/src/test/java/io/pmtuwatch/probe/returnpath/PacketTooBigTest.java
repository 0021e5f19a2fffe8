package io.pmtuwatch.probe.returnpath;

import static org.assertj.core.api.Assertions.assertThat;

import io.pmtuwatch.probe.packet.IcmpDecoder;
import io.pmtuwatch.probe.packet.IcmpKind;
import io.pmtuwatch.probe.packet.IcmpMessage;
import io.pmtuwatch.probe.packet.InternetChecksum;
import io.pmtuwatch.probe.packet.IpDecoder;
import io.pmtuwatch.probe.packet.IpPacket;
import io.pmtuwatch.probe.packet.LinkType;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Our packet-too-big decodes, with our own decoder, as what a router would send, checksums right. */
class PacketTooBigTest {

    private static IcmpMessage decode(byte[] packet) {
        IpPacket ip = IpDecoder.decode(ByteBuffer.wrap(packet)).orElseThrow();
        return IcmpDecoder.decode(ip).orElseThrow();
    }

    @Test
    void ipv4FragNeededQuotesTheTargetsSegment() throws Exception {
        InetAddress agent = InetAddress.getByName("10.0.0.1");
        InetAddress target = InetAddress.getByName("10.0.3.2");
        byte[] packet = PacketTooBig.build(agent, 40000, target, 8080, 1280, 1500, 0xFFFF_FFF0L, 1234);

        IcmpMessage icmp = decode(packet);
        assertThat(icmp.kind()).isEqualTo(IcmpKind.FRAG_NEEDED);
        assertThat(icmp.mtu()).isEqualTo(1280);
        assertThat(icmp.quote().ip().source()).isEqualTo(target);
        assertThat(icmp.quote().ip().destination()).isEqualTo(agent);
        assertThat(icmp.quote().ip().totalLength()).isEqualTo(1500);
        assertThat(icmp.quote().sourcePort()).isEqualTo(8080);
        assertThat(icmp.quote().destinationPort()).isEqualTo(40000);
        assertThat(icmp.quote().tcp().sequence()).isEqualTo(0xFFFF_FFF0L);
        // A correct checksum sums to zero over the covered bytes.
        assertThat(InternetChecksum.of(new byte[0], Arrays.copyOf(packet, 20))).isZero();
        assertThat(InternetChecksum.of(new byte[0], Arrays.copyOfRange(packet, 20, packet.length))).isZero();
    }

    @Test
    void ipv6PacketTooBigCarriesTheMtuAndAValidChecksum() throws Exception {
        InetAddress agent = InetAddress.getByName("fd00::1");
        InetAddress target = InetAddress.getByName("fd00:0:0:3::2");
        byte[] packet = PacketTooBig.build(agent, 40000, target, 443, 1280, 1500, 77, 1);

        IcmpMessage icmp = decode(packet);
        assertThat(icmp.kind()).isEqualTo(IcmpKind.PACKET_TOO_BIG);
        assertThat(icmp.mtu()).isEqualTo(1280);
        assertThat(icmp.quote().ip().totalLength()).isEqualTo(1500);
        assertThat(icmp.quote().tcp().sequence()).isEqualTo(77);
        byte[] message = Arrays.copyOfRange(packet, 40, packet.length);
        byte[] pseudo = ByteBuffer.allocate(40).put(agent.getAddress()).put(target.getAddress())
                .putInt(message.length).putInt(58).array();
        assertThat(InternetChecksum.of(pseudo, message)).isZero();
    }

    @Test
    void ethernetFrameGoesBackToTheMacTheTargetsFramesCameFrom() {
        byte[] fromTarget = new byte[60];
        for (int i = 0; i < 12; i++) {
            fromTarget[i] = (byte) (i < 6 ? 0xAA : 0xBB); // dst = us (AA), src = next hop (BB)
        }
        fromTarget[12] = 0x08;
        byte[] ip = {0x45, 0, 0, 20};
        byte[] frame = LinkFrame.wrap(LinkType.ETHERNET, fromTarget, ip, false).orElseThrow();
        assertThat(Arrays.copyOfRange(frame, 0, 6)).containsOnly((byte) 0xBB);
        assertThat(Arrays.copyOfRange(frame, 6, 12)).containsOnly((byte) 0xAA);
        assertThat(Arrays.copyOfRange(frame, 14, 18)).isEqualTo(ip);
        assertThat(LinkFrame.wrap(LinkType.ETHERNET, fromTarget, ip, true)).isEmpty(); // wrong ethertype
        assertThat(LinkFrame.wrap(LinkType.LINUX_SLL, fromTarget, ip, false)).isEmpty();
        assertThat(LinkFrame.wrap(LinkType.RAW, null, ip, false)).contains(ip);
    }
}
