package io.pmtuwatch.probe.packet;

import java.nio.ByteBuffer;

/**
 * An ICMP or ICMPv6 error header decoded in place, refilled by every {@link #decode} (a reader keeps one
 * for every ICMP packet of a capture). {@link #message} makes the {@link IcmpMessage} of the last decode,
 * its quote decoded from the same buffer through reused headers: the same facts as
 * {@link IcmpDecoder#decode} without copying the frame. A quote of a tunnel protocol (IP-in-IP, GRE, UDP
 * that may be VXLAN) is left to {@link IcmpDecoder#quote}, which walks tunnels. Pure; not thread-safe.
 */
public final class IcmpHeader {

    private static final int HEADER = 8;
    private static final int PORTS = 4;
    private static final int TCP_MIN_HEADER = 20;

    private final IpHeader quotedIp = new IpHeader();
    private final TcpHeader quotedTcp = new TcpHeader();
    private int version;
    private int type;
    private int code;
    private IcmpKind kind;
    private int mtu;
    private int quoteStart;
    private int quoteEnd;

    /**
     * Decodes the ICMP message (of IP version {@code version}) in bytes {@code [start, end)} of {@code buf}
     * (big-endian; absolute reads only): the payload of a whole ICMP packet.
     *
     * @return false for what {@link IcmpDecoder#decode} leaves empty: informational messages and headers
     *         shorter than 8 bytes
     */
    public boolean decode(int version, ByteBuffer buf, int start, int end) {
        kind = null;
        if (end - start < HEADER) {
            return false;
        }
        this.version = version;
        type = buf.get(start) & 0xFF;
        code = buf.get(start + 1) & 0xFF;
        kind = version == 4 ? IcmpDecoder.kindV4(type, code) : IcmpDecoder.kindV6(type);
        if (kind == null) {
            return false;
        }
        mtu = -1;
        if (kind == IcmpKind.FRAG_NEEDED) {
            mtu = buf.getShort(start + 6) & 0xFFFF;
        } else if (kind == IcmpKind.PACKET_TOO_BIG) {
            mtu = (int) Math.min(buf.getInt(start + 4) & 0xFFFFFFFFL, Integer.MAX_VALUE);
        }
        quoteStart = start + HEADER;
        quoteEnd = end;
        return true;
    }

    /** What the last successful {@link #decode} found; null after a failed one. */
    public IcmpKind kind() {
        return kind;
    }

    /** The {@link IcmpMessage} of the last successful {@link #decode} of {@code buf}. */
    public IcmpMessage message(ByteBuffer buf) {
        return new IcmpMessage(version, type, code, kind, mtu, quote(buf));
    }

    private Quote quote(ByteBuffer buf) {
        if (!quotedIp.decode(buf, quoteStart, quoteEnd)) {
            return null;
        }
        if (!quotedIp.isFragmentPiece() && mayBeTunnel(quotedIp.protocol())) {
            return IcmpDecoder.quote(buf.slice(quoteStart, quoteEnd - quoteStart)).orElse(null);
        }
        IpPacket ip = quotedIp.packet(buf);
        int start = quotedIp.payloadStart();
        int captured = quotedIp.payloadEnd() - start;
        int sourcePort = -1;
        int destinationPort = -1;
        TcpSegment tcp = null;
        boolean headerQuoted = false;
        if (quotedIp.firstFragment() && captured >= PORTS) {
            if (ip.isIcmp()) {
                // An echo request quoted: its identifier names the "flow", as ping's own matching does.
                if (captured >= 6) {
                    sourcePort = buf.getShort(start + 4) & 0xFFFF;
                    destinationPort = 0;
                }
            } else {
                sourcePort = buf.getShort(start) & 0xFFFF;
                destinationPort = buf.getShort(start + 2) & 0xFFFF;
            }
            if (quotedIp.protocol() == IpPacket.PROTOCOL_TCP && captured >= TCP_MIN_HEADER
                    && quotedTcp.decode(buf, start, quotedIp.payloadEnd())) {
                tcp = quotedTcp.segment();
                headerQuoted = captured >= tcp.headerLength();
            }
        }
        return new Quote(ip, ip, sourcePort, destinationPort, tcp, headerQuoted, quoteEnd - quoteStart);
    }

    /** Protocols {@link TunnelDecoder} may look inside. */
    private static boolean mayBeTunnel(int protocol) {
        return protocol == IpPacket.PROTOCOL_IPIP || protocol == IpPacket.PROTOCOL_IPV6
                || protocol == IpPacket.PROTOCOL_GRE || protocol == IpPacket.PROTOCOL_UDP;
    }
}
