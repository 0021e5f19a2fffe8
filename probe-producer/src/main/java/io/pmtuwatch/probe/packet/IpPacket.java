package io.pmtuwatch.probe.packet;

import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * A decoded IPv4 or IPv6 header.
 *
 * @param version       4 or 6
 * @param source        source address
 * @param destination   destination address
 * @param protocol      upper-layer protocol after any IPv6 extension headers (6 = TCP); for an IPv6
 *                      fragment, the next header of its Fragment header
 * @param hopLimit      TTL (IPv4) or hop limit (IPv6)
 * @param totalLength   length of the whole IP packet as its header says (IPv6: 40 + payload length)
 * @param dontFragment  IPv4 DF bit; always true for IPv6, whose routers never fragment
 * @param firstFragment false for a non-first fragment, whose payload does not start with a transport header
 * @param payload       the bytes after the IP headers that were captured (may be shorter than the header says);
 *                      for a fragment, its piece of the original payload
 * @param headerLength  bytes of IP headers before {@code payload} (IPv6: extension headers included)
 * @param fragment      the fragmentation fields, null when the packet carries none (IPv4 with offset 0 and MF
 *                      clear also gets them, see {@link Fragment#isPiece()})
 */
public record IpPacket(int version, InetAddress source, InetAddress destination, int protocol, int hopLimit,
                       int totalLength, boolean dontFragment, boolean firstFragment, ByteBuffer payload,
                       int headerLength, Fragment fragment) {

    public static final int PROTOCOL_ICMP = 1;
    public static final int PROTOCOL_IPIP = 4;
    public static final int PROTOCOL_TCP = 6;
    public static final int PROTOCOL_UDP = 17;
    public static final int PROTOCOL_IPV6 = 41;
    public static final int PROTOCOL_GRE = 47;
    public static final int PROTOCOL_ICMPV6 = 58;

    /** An unfragmented packet (kept for callers that build packets by hand). */
    public IpPacket(int version, InetAddress source, InetAddress destination, int protocol, int hopLimit,
                    int totalLength, boolean dontFragment, boolean firstFragment, ByteBuffer payload) {
        this(version, source, destination, protocol, hopLimit, totalLength, dontFragment, firstFragment, payload,
                version == 6 ? 40 : 20, null);
    }

    /** A TCP header starts the payload (a first fragment counts: its header is there). */
    public boolean isTcp() {
        return protocol == PROTOCOL_TCP && firstFragment;
    }

    /** Not a piece of a fragmented datagram: the payload starts with the transport header and is all of it. */
    public boolean isWhole() {
        return fragment == null || !fragment.isPiece();
    }

    public boolean isFragmentPiece() {
        return fragment != null && fragment.isPiece();
    }

    /** The ICMP protocol number of this IP version (1 or 58). */
    public boolean isIcmp() {
        return protocol == (version == 4 ? PROTOCOL_ICMP : PROTOCOL_ICMPV6);
    }

    /** The same header with another payload, e.g. after reassembly. */
    public IpPacket withPayload(ByteBuffer newPayload, int newTotalLength) {
        return new IpPacket(version, source, destination, protocol, hopLimit, newTotalLength, dontFragment, true,
                newPayload, headerLength, null);
    }
}
