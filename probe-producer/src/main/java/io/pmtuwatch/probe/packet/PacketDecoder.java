package io.pmtuwatch.probe.packet;

import java.nio.ByteBuffer;
import java.util.Optional;

/** Entry point of the decoder: link layer, then IPv4/IPv6, then the transport header. Pure. */
public final class PacketDecoder {

    private PacketDecoder() {
    }

    /** The IP packet of a captured frame; empty for non-IP frames and truncated headers. */
    public static Optional<IpPacket> ip(LinkType linkType, byte[] frame) {
        return LinkLayerDecoder.networkLayer(linkType, frame).flatMap(IpDecoder::decode);
    }

    /** The TCP segment of a captured frame; empty when the frame holds no decodable TCP header. */
    public static Optional<TcpPacket> tcp(LinkType linkType, byte[] frame) {
        return ip(linkType, frame).flatMap(PacketDecoder::tcp);
    }

    /** The TCP segment in an already decoded IP packet. */
    public static Optional<TcpPacket> tcp(IpPacket ip) {
        if (!ip.isTcp()) {
            return Optional.empty();
        }
        ByteBuffer payload = ip.payload();
        return TcpDecoder.decode(payload).map(segment -> new TcpPacket(ip, segment));
    }
}
