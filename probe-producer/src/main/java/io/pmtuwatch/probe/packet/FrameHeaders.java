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
    private final IcmpHeader icmp = new IcmpHeader();
    private int encapsulations;
    private boolean icmpPacket;

    /**
     * Decodes the frame in bytes {@code [start, end)} of {@code buf} (big-endian; absolute reads only).
     *
     * @return true when it is a plain TCP segment: an IP packet that is no fragment piece and no tunnel,
     *         carrying a TCP header that decodes; exactly the frames {@link FrameDecoder#decode} makes
     *         {@code DECODED} with {@code outer == ip} and a TCP header, whose fields {@link #ip()},
     *         {@link #tcp()} and {@link #encapsulations()} then hold. False for every other frame; of
     *         those, {@link #icmpPacket()} tells a whole ICMP packet.
     */
    public boolean decodeTcp(LinkType linkType, ByteBuffer buf, int start, int end) {
        icmpPacket = false;
        long located = LinkLayerDecoder.locate(linkType, buf, start, end);
        if (located == LinkLayerDecoder.NOT_IP) {
            return false;
        }
        encapsulations = LinkLayerDecoder.bits(located);
        if (!ip.decode(buf, LinkLayerDecoder.offset(located), end)) {
            return false;
        }
        // TCP and ICMP are no tunnel protocols, so the packet is the innermost one (TunnelDecoder stops at once).
        if (ip.protocol() == IpPacket.PROTOCOL_TCP) {
            return !ip.isFragmentPiece() && tcp.decode(buf, ip.payloadStart(), ip.payloadEnd());
        }
        if (ip.protocol() == (ip.version() == 4 ? IpPacket.PROTOCOL_ICMP : IpPacket.PROTOCOL_ICMPV6)
                && !ip.isFragmentPiece()) {
            icmpPacket = true;
            icmp.decode(ip.version(), buf, ip.payloadStart(), ip.payloadEnd());
        }
        return false;
    }

    /**
     * After a {@link #decodeTcp} that returned false: true when the frame is a whole, untunnelled ICMP
     * (v4) or ICMPv6 (v6) packet, exactly the frames {@link FrameDecoder#decode} makes {@code DECODED} with
     * {@code outer == ip} and an ICMP protocol; {@link #ip()}, {@link #encapsulations()} and
     * {@link #icmp()} (its kind null when {@link IcmpDecoder#decode} gives none) then hold.
     */
    public boolean icmpPacket() {
        return icmpPacket;
    }

    public IcmpHeader icmp() {
        return icmp;
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
