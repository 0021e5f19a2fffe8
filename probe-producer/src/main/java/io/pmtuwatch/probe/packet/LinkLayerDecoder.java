package io.pmtuwatch.probe.packet;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * Strips the link-layer header of a captured frame and returns the network-layer bytes. Pure:
 * only IPv4 and IPv6 payloads are returned, anything else (ARP, truncated headers) is empty.
 */
public final class LinkLayerDecoder {

    static final int ETHERTYPE_IPV4 = 0x0800;
    static final int ETHERTYPE_IPV6 = 0x86DD;
    private static final int ETHERTYPE_VLAN = 0x8100;
    private static final int ETHERTYPE_QINQ = 0x88A8;
    private static final int ETHERNET_HEADER = 14;
    private static final int VLAN_TAG = 4;
    private static final int SLL_HEADER = 16;
    private static final int SLL2_HEADER = 20;
    private static final int NULL_HEADER = 4;
    // BSD loopback address families for IPv6 differ per OS (Linux 10, BSDs 24/28/30).
    private static final int[] NULL_AF_INET6 = {10, 24, 28, 30};

    private LinkLayerDecoder() {
    }

    /** The IP packet inside {@code frame}, as a big-endian buffer from position 0; empty when not IP. */
    public static Optional<ByteBuffer> networkLayer(LinkType linkType, byte[] frame) {
        ByteBuffer buf = ByteBuffer.wrap(frame).order(ByteOrder.BIG_ENDIAN);
        return switch (linkType) {
            case ETHERNET -> ethernet(buf);
            case LINUX_SLL -> withEtherType(buf, SLL_HEADER, 14);
            case LINUX_SLL2 -> withEtherType(buf, SLL2_HEADER, 0);
            case RAW, RAW_DLT12, RAW_DLT14, IPV4, IPV6 -> rawIp(buf, 0);
            case NULL -> loopback(buf);
        };
    }

    private static Optional<ByteBuffer> ethernet(ByteBuffer buf) {
        int offset = 12;
        if (buf.limit() < ETHERNET_HEADER) {
            return Optional.empty();
        }
        int etherType = buf.getShort(offset) & 0xFFFF;
        // Skip any number of 802.1Q / 802.1ad tags; each tag is bounded by the frame length.
        while ((etherType == ETHERTYPE_VLAN || etherType == ETHERTYPE_QINQ) && offset + VLAN_TAG + 2 <= buf.limit()) {
            offset += VLAN_TAG;
            etherType = buf.getShort(offset) & 0xFFFF;
        }
        return ipPayload(buf, offset + 2, etherType);
    }

    private static Optional<ByteBuffer> withEtherType(ByteBuffer buf, int headerLength, int etherTypeOffset) {
        if (buf.limit() < headerLength) {
            return Optional.empty();
        }
        return ipPayload(buf, headerLength, buf.getShort(etherTypeOffset) & 0xFFFF);
    }

    private static Optional<ByteBuffer> loopback(ByteBuffer buf) {
        if (buf.limit() < NULL_HEADER) {
            return Optional.empty();
        }
        // The family is in the capturing host's byte order: accept both.
        int le = Integer.reverseBytes(buf.getInt(0));
        int be = buf.getInt(0);
        if (le == 2 || be == 2 || isInet6(le) || isInet6(be)) {
            return rawIp(buf, NULL_HEADER);
        }
        return Optional.empty();
    }

    private static boolean isInet6(int family) {
        for (int af : NULL_AF_INET6) {
            if (af == family) {
                return true;
            }
        }
        return false;
    }

    private static Optional<ByteBuffer> ipPayload(ByteBuffer buf, int offset, int etherType) {
        if (etherType != ETHERTYPE_IPV4 && etherType != ETHERTYPE_IPV6) {
            return Optional.empty();
        }
        return rawIp(buf, offset);
    }

    private static Optional<ByteBuffer> rawIp(ByteBuffer buf, int offset) {
        if (offset >= buf.limit()) {
            return Optional.empty();
        }
        int version = (buf.get(offset) & 0xF0) >>> 4;
        if (version != 4 && version != 6) {
            return Optional.empty();
        }
        return Optional.of(buf.position(offset).slice().order(ByteOrder.BIG_ENDIAN));
    }
}
