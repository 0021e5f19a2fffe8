package io.pmtuwatch.probe.packet;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * Decodes ICMP (RFC 792, 1191) and ICMPv6 (RFC 4443) error messages and the packet they quote. Pure.
 * Checksums are not verified on purpose: real routers send PTBs with wrong checksums (seen in the
 * shared captures) and hosts that verify them would still act on a checksum-correct copy; a
 * sensor must report what the wire carried.
 */
public final class IcmpDecoder {

    private static final int HEADER = 8;
    private static final int PORTS = 4;
    private static final int TCP_MIN_HEADER = 20;

    private IcmpDecoder() {
    }

    /** The error carried by {@code ip}; empty for informational messages (echo, ND) and short headers. */
    public static Optional<IcmpMessage> decode(IpPacket ip) {
        if (!ip.isIcmp() || !ip.isWhole()) {
            return Optional.empty();
        }
        ByteBuffer payload = ip.payload();
        ByteBuffer buf = payload.order() == ByteOrder.BIG_ENDIAN ? payload
                : payload.duplicate().order(ByteOrder.BIG_ENDIAN);
        if (buf.limit() < HEADER) {
            return Optional.empty();
        }
        int type = buf.get(0) & 0xFF;
        int code = buf.get(1) & 0xFF;
        IcmpKind kind = ip.version() == 4 ? kindV4(type, code) : kindV6(type);
        if (kind == null) {
            return Optional.empty();
        }
        int mtu = -1;
        if (kind == IcmpKind.FRAG_NEEDED) {
            mtu = buf.getShort(6) & 0xFFFF;
        } else if (kind == IcmpKind.PACKET_TOO_BIG) {
            long wide = buf.getInt(4) & 0xFFFFFFFFL;
            mtu = (int) Math.min(wide, Integer.MAX_VALUE);
        }
        ByteBuffer quoted = buf.slice(HEADER, buf.limit() - HEADER); // a slice is big-endian
        return Optional.of(new IcmpMessage(ip.version(), type, code, kind, mtu, quote(quoted).orElse(null)));
    }

    static IcmpKind kindV4(int type, int code) {
        return switch (type) {
            case 3 -> code == 4 ? IcmpKind.FRAG_NEEDED : IcmpKind.UNREACHABLE;
            case 11 -> IcmpKind.TIME_EXCEEDED;
            case 4, 5, 12 -> IcmpKind.OTHER_ERROR;
            default -> null;
        };
    }

    static IcmpKind kindV6(int type) {
        return switch (type) {
            case 1 -> IcmpKind.UNREACHABLE;
            case 2 -> IcmpKind.PACKET_TOO_BIG;
            case 3 -> IcmpKind.TIME_EXCEEDED;
            case 4 -> IcmpKind.OTHER_ERROR;
            default -> null;
        };
    }

    /** The quoted packet: its IP header, then (through any tunnel it was in) the flow it belonged to. */
    static Optional<Quote> quote(ByteBuffer quoted) {
        return IpDecoder.decode(quoted).map(ip -> {
            IpPacket flow = TunnelDecoder.decapsulate(ip).ip();
            ByteBuffer transport = flow.payload();
            int sourcePort = -1;
            int destinationPort = -1;
            TcpSegment tcp = null;
            boolean headerQuoted = false;
            if (flow.firstFragment() && transport.limit() >= PORTS) {
                if (flow.isIcmp()) {
                    // An echo request quoted: its identifier names the "flow", as ping's own matching does.
                    if (transport.limit() >= 6) {
                        sourcePort = transport.getShort(4) & 0xFFFF;
                        destinationPort = 0;
                    }
                } else {
                    sourcePort = transport.getShort(0) & 0xFFFF;
                    destinationPort = transport.getShort(2) & 0xFFFF;
                }
                if (flow.protocol() == IpPacket.PROTOCOL_TCP && transport.limit() >= TCP_MIN_HEADER) {
                    tcp = TcpDecoder.decode(transport).orElse(null);
                    headerQuoted = tcp != null && transport.limit() >= tcp.headerLength();
                }
            }
            return new Quote(ip, flow, sourcePort, destinationPort, tcp, headerQuoted, quoted.limit());
        });
    }
}
