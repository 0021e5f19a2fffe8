package io.pmtuwatch.probe.packet;

import java.nio.ByteBuffer;

/**
 * The headers of a captured frame decoded in place, without an object per frame: a reader of millions
 * of frames keeps one and decodes every frame into it, straight from its file buffer. It goes as far as
 * a plain TCP segment (link layer, IP, TCP), which is most of any capture; every other frame (ICMP,
 * fragments, tunnels, damaged headers, not IP) is left to {@link FrameDecoder}, which makes objects.
 * Same decoding as {@link FrameDecoder} (the same {@link LinkLayerDecoder} walk, {@link IpHeader} and
 * {@link TcpHeader}). Pure; not thread-safe; the fields are those of the last {@link #decodeTcp}.
 */
public final class FrameHeaders {

    private final IpHeader ip = new IpHeader();
    private final TcpHeader tcp = new TcpHeader();
    private int encapsulations;

    /**
     * Decodes the frame in bytes {@code [start, end)} of {@code buf} (big-endian; absolute reads only).
     *
     * @return true when it is a plain TCP segment: an IP packet that is no fragment piece and no tunnel,
     *         carrying a TCP header that decodes; exactly the frames {@link FrameDecoder#decode} makes
     *         {@code DECODED} with {@code outer == ip} and a TCP header, whose fields {@link #ip()},
     *         {@link #tcp()} and {@link #encapsulations()} then hold. False for every other frame.
     */
    public boolean decodeTcp(LinkType linkType, ByteBuffer buf, int start, int end) {
        long located = LinkLayerDecoder.locate(linkType, buf, start, end);
        if (located == LinkLayerDecoder.NOT_IP) {
            return false;
        }
        encapsulations = LinkLayerDecoder.bits(located);
        // TCP is no tunnel protocol, so the packet is the innermost one (TunnelDecoder stops at once).
        return ip.decode(buf, LinkLayerDecoder.offset(located), end) && ip.protocol() == IpPacket.PROTOCOL_TCP
                && !ip.isFragmentPiece() && tcp.decode(buf, ip.payloadStart(), ip.payloadEnd());
    }

    /** Bits of {@link Encapsulation} seen on the link (VLAN, MPLS, PPPoE, Linux cooked). */
    public int encapsulations() {
        return encapsulations;
    }

    public IpHeader ip() {
        return ip;
    }

    public TcpHeader tcp() {
        return tcp;
    }
}
