package io.pmtuwatch.probe.packet;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * Strips the link-layer header of a captured frame and returns the network-layer bytes. Pure:
 * only IPv4 and IPv6 payloads are returned, anything else (ARP, LLC, PPPoE discovery, truncated
 * headers) is empty. Walks any number of VLAN tags, an MPLS label stack (with or without a
 * pseudowire control word and inner Ethernet) and a PPPoE session header.
 */
public final class LinkLayerDecoder {

    static final int ETHERTYPE_IPV4 = 0x0800;
    static final int ETHERTYPE_IPV6 = 0x86DD;
    static final int ETHERTYPE_TRANSPARENT_ETHERNET = 0x6558;
    private static final int ETHERTYPE_VLAN = 0x8100;
    private static final int ETHERTYPE_QINQ = 0x88A8;
    private static final int ETHERTYPE_QINQ_OLD = 0x9100;
    private static final int ETHERTYPE_MPLS = 0x8847;
    private static final int ETHERTYPE_MPLS_MULTICAST = 0x8848;
    private static final int ETHERTYPE_PPPOE_SESSION = 0x8864;
    private static final int PPP_IPV4 = 0x0021;
    private static final int PPP_IPV6 = 0x0057;
    private static final int ETHERNET_HEADER = 14;
    private static final int VLAN_TAG = 4;
    private static final int MPLS_LABEL = 4;
    private static final int PPPOE_HEADER = 6;
    private static final int SLL_HEADER = 16;
    private static final int SLL2_HEADER = 20;
    private static final int NULL_HEADER = 4;
    // An Ethernet frame inside MPLS inside Ethernet... is legal but rare; the bound keeps a crafted
    // frame from recursing deeply.
    private static final int MAX_NESTED_ETHERNET = 4;
    // BSD loopback address families for IPv6 differ per OS (Linux 10, BSDs 24/28/30).
    private static final int[] NULL_AF_INET6 = {10, 24, 28, 30};
    /** {@link #locate(LinkType, ByteBuffer, int, int)}'s answer for a frame that is not IP. */
    public static final long NOT_IP = -1;

    private LinkLayerDecoder() {
    }

    /** The IP packet inside {@code frame}, as a big-endian buffer from position 0; empty when not IP. */
    public static Optional<ByteBuffer> networkLayer(LinkType linkType, byte[] frame) {
        return Optional.ofNullable(locate(linkType, frame)).map(LinkPayload::ip);
    }

    /** The IP packet inside {@code frame} with the link encapsulations seen; null when not IP. */
    public static LinkPayload locate(LinkType linkType, byte[] frame) {
        ByteBuffer buf = ByteBuffer.wrap(frame).order(ByteOrder.BIG_ENDIAN);
        return payload(buf, locate(linkType, buf, 0, frame.length), frame.length);
    }

    /**
     * Where the IP packet of the frame in bytes {@code [start, end)} of {@code buf} (big-endian, absolute
     * indexes) starts, with the link encapsulations seen, packed (see {@link #offset} and {@link #bits}):
     * no object per frame, for a reader that decodes in place; {@link #NOT_IP} when not IP.
     */
    public static long locate(LinkType linkType, ByteBuffer buf, int start, int end) {
        return switch (linkType) {
            case ETHERNET -> ethernet(buf, start, end, 0, 0);
            case LINUX_SLL -> cooked(buf, start, end, SLL_HEADER, 14);
            case LINUX_SLL2 -> cooked(buf, start, end, SLL2_HEADER, 0);
            case RAW, RAW_DLT12, RAW_DLT14, IPV4, IPV6 -> rawIp(buf, start, end, 0);
            case NULL -> loopback(buf, start, end);
        };
    }

    /** The buffer index where the IP packet starts, from {@link #locate}'s answer. */
    public static int offset(long located) {
        return (int) (located >>> 32);
    }

    /** The bits of {@link Encapsulation} seen on the link, from {@link #locate}'s answer. */
    public static int bits(long located) {
        return (int) located;
    }

    private static long at(int offset, int bits) {
        return (long) offset << 32 | (bits & 0xFFFFFFFFL);
    }

    private static LinkPayload payload(ByteBuffer buf, long located, int end) {
        if (located == NOT_IP) {
            return null;
        }
        int offset = offset(located);
        return new LinkPayload(buf.slice(offset, end - offset), bits(located)); // a slice is big-endian
    }

    /** An Ethernet frame starting at {@code start} of {@code buf} (VXLAN payloads); null when not IP. */
    static LinkPayload ethernet(ByteBuffer buf, int start, int bits, int depth) {
        return payload(buf, ethernet(buf, start, buf.limit(), bits, depth), buf.limit());
    }

    /** {@link #afterEtherType(ByteBuffer, int, int, int, int, int)} up to the buffer's limit (GRE payloads). */
    static LinkPayload afterEtherType(ByteBuffer buf, int offset, int etherType, int bits, int depth) {
        return payload(buf, afterEtherType(buf, offset, buf.limit(), etherType, bits, depth), buf.limit());
    }

    private static long ethernet(ByteBuffer buf, int start, int end, int bits, int depth) {
        if (end < start + ETHERNET_HEADER || depth > MAX_NESTED_ETHERNET) {
            return NOT_IP;
        }
        return afterEtherType(buf, start + ETHERNET_HEADER, end, buf.getShort(start + 12) & 0xFFFF, bits, depth);
    }

    /**
     * Follows an EtherType whose payload starts at {@code offset}: VLAN tags, MPLS, PPPoE, down to IP.
     * Every step advances by at least 4 bytes and is bounded by the frame, so this terminates.
     */
    private static long afterEtherType(ByteBuffer buf, int offset, int end, int etherType, int bits, int depth) {
        int tags = 0;
        while (true) {
            switch (etherType) {
                case ETHERTYPE_VLAN, ETHERTYPE_QINQ, ETHERTYPE_QINQ_OLD -> {
                    if (offset + VLAN_TAG > end) {
                        return NOT_IP;
                    }
                    tags++;
                    bits |= tags >= 2 ? Encapsulation.QINQ.bit() : Encapsulation.VLAN.bit();
                    etherType = buf.getShort(offset + 2) & 0xFFFF;
                    offset += VLAN_TAG;
                }
                case ETHERTYPE_MPLS, ETHERTYPE_MPLS_MULTICAST -> {
                    return mpls(buf, offset, end, bits | Encapsulation.MPLS.bit(), depth);
                }
                case ETHERTYPE_PPPOE_SESSION -> {
                    return pppoe(buf, offset, end, bits | Encapsulation.PPPOE.bit());
                }
                case ETHERTYPE_IPV4, ETHERTYPE_IPV6 -> {
                    return rawIp(buf, offset, end, bits);
                }
                case ETHERTYPE_TRANSPARENT_ETHERNET -> {
                    return ethernet(buf, offset, end, bits, depth + 1);
                }
                default -> {
                    return NOT_IP;
                }
            }
        }
    }

    private static long mpls(ByteBuffer buf, int offset, int end, int bits, int depth) {
        // Labels until the bottom-of-stack bit; the payload type is not signalled, so it is guessed from
        // the first nibble as every router and dissector does (4, 6, or 0 = pseudowire control word).
        while (offset + MPLS_LABEL <= end) {
            boolean bottom = (buf.get(offset + 2) & 0x01) != 0;
            offset += MPLS_LABEL;
            if (bottom) {
                if (offset >= end) {
                    return NOT_IP;
                }
                int nibble = (buf.get(offset) & 0xF0) >>> 4;
                if (nibble == 4 || nibble == 6) {
                    return rawIp(buf, offset, end, bits);
                }
                if (nibble == 0) {
                    return ethernet(buf, offset + 4, end, bits, depth + 1);
                }
                return NOT_IP;
            }
        }
        return NOT_IP;
    }

    private static long pppoe(ByteBuffer buf, int offset, int end, int bits) {
        if (offset + PPPOE_HEADER + 1 > end) {
            return NOT_IP;
        }
        // Protocol-field compression (RFC 1661 6.5): a one-byte protocol is odd, the first byte of a
        // two-byte one is even. Peers negotiate it, and some (seen in the shared captures) use it.
        int first = buf.get(offset + PPPOE_HEADER) & 0xFF;
        boolean compressed = (first & 1) != 0;
        if (!compressed && offset + PPPOE_HEADER + 2 > end) {
            return NOT_IP;
        }
        int protocol = compressed ? first : buf.getShort(offset + PPPOE_HEADER) & 0xFFFF;
        if (protocol != PPP_IPV4 && protocol != PPP_IPV6) {
            return NOT_IP; // LCP, IPCP, ...: control traffic
        }
        return rawIp(buf, offset + PPPOE_HEADER + (compressed ? 1 : 2), end, bits);
    }

    private static long cooked(ByteBuffer buf, int start, int end, int headerLength, int etherTypeOffset) {
        if (end - start < headerLength) {
            return NOT_IP;
        }
        return afterEtherType(buf, start + headerLength, end, buf.getShort(start + etherTypeOffset) & 0xFFFF,
                Encapsulation.LINUX_COOKED.bit(), 0);
    }

    private static long loopback(ByteBuffer buf, int start, int end) {
        if (end - start < NULL_HEADER) {
            return NOT_IP;
        }
        // The family is in the capturing host's byte order: accept both.
        int le = Integer.reverseBytes(buf.getInt(start));
        int be = buf.getInt(start);
        if (le == 2 || be == 2 || isInet6(le) || isInet6(be)) {
            return rawIp(buf, start + NULL_HEADER, end, 0);
        }
        return NOT_IP;
    }

    private static boolean isInet6(int family) {
        for (int af : NULL_AF_INET6) {
            if (af == family) {
                return true;
            }
        }
        return false;
    }

    private static long rawIp(ByteBuffer buf, int offset, int end, int bits) {
        if (offset >= end) {
            return NOT_IP;
        }
        int version = (buf.get(offset) & 0xF0) >>> 4;
        if (version != 4 && version != 6) {
            return NOT_IP;
        }
        return at(offset, bits);
    }
}
