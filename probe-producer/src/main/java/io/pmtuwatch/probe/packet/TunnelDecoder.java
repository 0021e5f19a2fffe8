package io.pmtuwatch.probe.packet;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Walks IP-level tunnels to the innermost packet: IP-in-IP (4in4, 6in4, 4in6, 6in6), GRE (RFC 2784 /
 * 2890, IP or transparent Ethernet payload) and VXLAN (UDP 4789, and 8472, Linux's historic default).
 * Pure. A tunnel whose inner header is cut or invalid ends the walk at the last good packet, so a
 * frame is never lost because of a damaged inner header.
 */
public final class TunnelDecoder {

    public static final int VXLAN_PORT = 4789;
    public static final int VXLAN_LINUX_PORT = 8472;
    private static final int MAX_DEPTH = 8;
    private static final int GRE_BASE = 4;
    private static final int UDP_HEADER = 8;
    private static final int VXLAN_HEADER = 8;
    private static final int ETHERNET_HEADER = 14;

    private TunnelDecoder() {
    }

    public static Decapsulated decapsulate(IpPacket outer) {
        IpPacket ip = outer;
        int bits = 0;
        int overhead = 0;
        for (int depth = 0; depth < MAX_DEPTH && ip.isWhole(); depth++) {
            Optional<Inner> inner = inner(ip);
            if (inner.isEmpty()) {
                break;
            }
            overhead += ip.headerLength() + inner.get().extraOverhead();
            bits |= inner.get().bits();
            ip = inner.get().ip();
        }
        return new Decapsulated(ip, bits, overhead);
    }

    private record Inner(IpPacket ip, int bits, int extraOverhead) {
    }

    private static Optional<Inner> inner(IpPacket ip) {
        ByteBuffer payload = ip.payload();
        return switch (ip.protocol()) {
            case IpPacket.PROTOCOL_IPIP, IpPacket.PROTOCOL_IPV6 -> ipInIp(ip);
            case IpPacket.PROTOCOL_GRE -> gre(payload);
            case IpPacket.PROTOCOL_UDP -> vxlan(payload);
            default -> Optional.empty();
        };
    }

    private static Optional<Inner> ipInIp(IpPacket ip) {
        int expected = ip.protocol() == IpPacket.PROTOCOL_IPIP ? 4 : 6;
        return IpDecoder.decode(ip.payload())
                .filter(inner -> inner.version() == expected)
                .map(inner -> new Inner(inner, Encapsulations.ipInIp(ip.version(), inner.version()), 0));
    }

    private static Optional<Inner> gre(ByteBuffer gre) {
        if (gre.limit() < GRE_BASE) {
            return Optional.empty();
        }
        int flags = gre.getShort(0) & 0xFFFF;
        int version = flags & 0x7;
        boolean routing = (flags & 0x4000) != 0;
        if (version != 0 || routing) {
            return Optional.empty(); // PPTP's enhanced GRE, or the deprecated source routing
        }
        int headerLength = GRE_BASE + ((flags & 0x8000) != 0 ? 4 : 0) + ((flags & 0x2000) != 0 ? 4 : 0)
                + ((flags & 0x1000) != 0 ? 4 : 0);
        if (gre.limit() < headerLength) {
            return Optional.empty();
        }
        int protocol = gre.getShort(2) & 0xFFFF;
        LinkPayload payload = LinkLayerDecoder.afterEtherType(gre, headerLength, protocol, 0, 0);
        return decoded(payload, Encapsulation.GRE.bit(), headerLength
                + (protocol == LinkLayerDecoder.ETHERTYPE_TRANSPARENT_ETHERNET ? ETHERNET_HEADER : 0));
    }

    private static Optional<Inner> vxlan(ByteBuffer udp) {
        if (udp.limit() < UDP_HEADER + VXLAN_HEADER) {
            return Optional.empty();
        }
        int port = udp.getShort(2) & 0xFFFF;
        boolean vni = (udp.get(UDP_HEADER) & 0x08) != 0;
        if ((port != VXLAN_PORT && port != VXLAN_LINUX_PORT) || !vni) {
            return Optional.empty();
        }
        LinkPayload payload = LinkLayerDecoder.ethernet(udp, UDP_HEADER + VXLAN_HEADER, 0, 0);
        return decoded(payload, Encapsulation.VXLAN.bit(), UDP_HEADER + VXLAN_HEADER + ETHERNET_HEADER);
    }

    private static Optional<Inner> decoded(LinkPayload payload, int bit, int extraOverhead) {
        if (payload == null) {
            return Optional.empty();
        }
        return IpDecoder.decode(payload.ip())
                .map(inner -> new Inner(inner, bit | payload.encapsulations(), extraOverhead));
    }
}
