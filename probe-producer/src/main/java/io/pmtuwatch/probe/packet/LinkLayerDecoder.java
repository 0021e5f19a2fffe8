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

    private LinkLayerDecoder() {
    }

    /** The IP packet inside {@code frame}, as a big-endian buffer from position 0; empty when not IP. */
    public static Optional<ByteBuffer> networkLayer(LinkType linkType, byte[] frame) {
        return Optional.ofNullable(locate(linkType, frame)).map(LinkPayload::ip);
    }

    /** The IP packet inside {@code frame} with the link encapsulations seen; null when not IP. */
    public static LinkPayload locate(LinkType linkType, byte[] frame) {
        ByteBuffer buf = ByteBuffer.wrap(frame).order(ByteOrder.BIG_ENDIAN);
        return switch (linkType) {
            case ETHERNET -> ethernet(buf, 0, 0, 0);
            case LINUX_SLL -> cooked(buf, SLL_HEADER, 14);
            case LINUX_SLL2 -> cooked(buf, SLL2_HEADER, 0);
            case RAW, RAW_DLT12, RAW_DLT14, IPV4, IPV6 -> rawIp(buf, 0, 0);
            case NULL -> loopback(buf);
        };
    }

    /** An Ethernet frame starting at {@code start} of {@code buf} (also used for VXLAN and GRE payloads). */
    static LinkPayload ethernet(ByteBuffer buf, int start, int bits, int depth) {
        if (buf.limit() < start + ETHERNET_HEADER || depth > MAX_NESTED_ETHERNET) {
            return null;
        }
        return afterEtherType(buf, start + ETHERNET_HEADER, buf.getShort(start + 12) & 0xFFFF, bits, depth);
    }

    /**
     * Follows an EtherType whose payload starts at {@code offset}: VLAN tags, MPLS, PPPoE, down to IP.
     * Every step advances by at least 4 bytes and is bounded by the frame, so this terminates.
     */
    static LinkPayload afterEtherType(ByteBuffer buf, int offset, int etherType, int bits, int depth) {
        int tags = 0;
        while (true) {
            switch (etherType) {
                case ETHERTYPE_VLAN, ETHERTYPE_QINQ, ETHERTYPE_QINQ_OLD -> {
                    if (offset + VLAN_TAG > buf.limit()) {
                        return null;
                    }
                    tags++;
                    bits |= tags >= 2 ? Encapsulation.QINQ.bit() : Encapsulation.VLAN.bit();
                    etherType = buf.getShort(offset + 2) & 0xFFFF;
                    offset += VLAN_TAG;
                }
                case ETHERTYPE_MPLS, ETHERTYPE_MPLS_MULTICAST -> {
                    return mpls(buf, offset, bits | Encapsulation.MPLS.bit(), depth);
                }
                case ETHERTYPE_PPPOE_SESSION -> {
                    return pppoe(buf, offset, bits | Encapsulation.PPPOE.bit());
                }
                case ETHERTYPE_IPV4, ETHERTYPE_IPV6 -> {
                    return rawIp(buf, offset, bits);
                }
                case ETHERTYPE_TRANSPARENT_ETHERNET -> {
                    return ethernet(buf, offset, bits, depth + 1);
                }
                default -> {
                    return null;
                }
            }
        }
    }

    private static LinkPayload mpls(ByteBuffer buf, int offset, int bits, int depth) {
        // Labels until the bottom-of-stack bit; the payload type is not signalled, so it is guessed from
        // the first nibble as every router and dissector does (4, 6, or 0 = pseudowire control word).
        while (offset + MPLS_LABEL <= buf.limit()) {
            boolean bottom = (buf.get(offset + 2) & 0x01) != 0;
            offset += MPLS_LABEL;
            if (bottom) {
                if (offset >= buf.limit()) {
                    return null;
                }
                int nibble = (buf.get(offset) & 0xF0) >>> 4;
                if (nibble == 4 || nibble == 6) {
                    return rawIp(buf, offset, bits);
                }
                if (nibble == 0) {
                    return ethernet(buf, offset + 4, bits, depth + 1);
                }
                return null;
            }
        }
        return null;
    }

    private static LinkPayload pppoe(ByteBuffer buf, int offset, int bits) {
        if (offset + PPPOE_HEADER + 1 > buf.limit()) {
            return null;
        }
        // Protocol-field compression (RFC 1661 6.5): a one-byte protocol is odd, the first byte of a
        // two-byte one is even. Peers negotiate it, and some (seen in the shared captures) use it.
        int first = buf.get(offset + PPPOE_HEADER) & 0xFF;
        boolean compressed = (first & 1) != 0;
        if (!compressed && offset + PPPOE_HEADER + 2 > buf.limit()) {
            return null;
        }
        int protocol = compressed ? first : buf.getShort(offset + PPPOE_HEADER) & 0xFFFF;
        if (protocol != PPP_IPV4 && protocol != PPP_IPV6) {
            return null; // LCP, IPCP, ...: control traffic
        }
        return rawIp(buf, offset + PPPOE_HEADER + (compressed ? 1 : 2), bits);
    }

    private static LinkPayload cooked(ByteBuffer buf, int headerLength, int etherTypeOffset) {
        if (buf.limit() < headerLength) {
            return null;
        }
        return afterEtherType(buf, headerLength, buf.getShort(etherTypeOffset) & 0xFFFF,
                Encapsulation.LINUX_COOKED.bit(), 0);
    }

    private static LinkPayload loopback(ByteBuffer buf) {
        if (buf.limit() < NULL_HEADER) {
            return null;
        }
        // The family is in the capturing host's byte order: accept both.
        int le = Integer.reverseBytes(buf.getInt(0));
        int be = buf.getInt(0);
        if (le == 2 || be == 2 || isInet6(le) || isInet6(be)) {
            return rawIp(buf, NULL_HEADER, 0);
        }
        return null;
    }

    private static boolean isInet6(int family) {
        for (int af : NULL_AF_INET6) {
            if (af == family) {
                return true;
            }
        }
        return false;
    }

    private static LinkPayload rawIp(ByteBuffer buf, int offset, int bits) {
        if (offset >= buf.limit()) {
            return null;
        }
        int version = (buf.get(offset) & 0xF0) >>> 4;
        if (version != 4 && version != 6) {
            return null;
        }
        ByteBuffer ip = buf.slice(offset, buf.limit() - offset); // a slice is big-endian
        return new LinkPayload(ip, bits);
    }
}
