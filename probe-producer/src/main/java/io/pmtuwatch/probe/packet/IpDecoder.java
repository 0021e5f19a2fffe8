package io.pmtuwatch.probe.packet;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/** Decodes IPv4 and IPv6 headers (IPv6 extension headers are walked to the upper-layer protocol). Pure. */
public final class IpDecoder {

    private static final int IPV4_MIN_HEADER = 20;
    private static final int IPV6_HEADER = 40;
    private static final int EXT_HOP_BY_HOP = 0;
    private static final int EXT_ROUTING = 43;
    private static final int EXT_FRAGMENT = 44;
    private static final int EXT_AUTH = 51;
    private static final int EXT_DEST_OPTS = 60;
    private static final int EXT_MOBILITY = 135;

    private IpDecoder() {
    }

    /** Decodes the packet starting at position 0 of {@code ip}; empty when the header is truncated or invalid. */
    public static Optional<IpPacket> decode(ByteBuffer ip) {
        ByteBuffer buf = ip.duplicate().order(ByteOrder.BIG_ENDIAN);
        if (buf.limit() < 1) {
            return Optional.empty();
        }
        int version = (buf.get(0) & 0xF0) >>> 4;
        if (version == 4) {
            return ipv4(buf);
        }
        if (version == 6) {
            return ipv6(buf);
        }
        return Optional.empty();
    }

    private static Optional<IpPacket> ipv4(ByteBuffer buf) {
        if (buf.limit() < IPV4_MIN_HEADER) {
            return Optional.empty();
        }
        int headerLength = (buf.get(0) & 0x0F) * 4;
        int totalLength = buf.getShort(2) & 0xFFFF;
        if (headerLength < IPV4_MIN_HEADER || buf.limit() < headerLength || totalLength < headerLength) {
            return Optional.empty();
        }
        int flagsAndOffset = buf.getShort(6) & 0xFFFF;
        boolean dontFragment = (flagsAndOffset & 0x4000) != 0;
        boolean firstFragment = (flagsAndOffset & 0x1FFF) == 0;
        int ttl = buf.get(8) & 0xFF;
        int protocol = buf.get(9) & 0xFF;
        InetAddress source = address(buf, 12, 4);
        InetAddress destination = address(buf, 16, 4);
        // Trust the smaller of what the header claims and what was captured (snaplen, Ethernet padding).
        int end = Math.min(buf.limit(), totalLength);
        ByteBuffer payload = slice(buf, headerLength, end);
        return Optional.of(new IpPacket(4, source, destination, protocol, ttl, totalLength, dontFragment,
                firstFragment, payload));
    }

    private static Optional<IpPacket> ipv6(ByteBuffer buf) {
        if (buf.limit() < IPV6_HEADER) {
            return Optional.empty();
        }
        int payloadLength = buf.getShort(4) & 0xFFFF;
        int next = buf.get(6) & 0xFF;
        int hopLimit = buf.get(7) & 0xFF;
        InetAddress source = address(buf, 8, 16);
        InetAddress destination = address(buf, 24, 16);
        int totalLength = IPV6_HEADER + payloadLength;
        int end = Math.min(buf.limit(), totalLength);
        int offset = IPV6_HEADER;
        boolean firstFragment = true;
        // Each step advances by at least 8 bytes and stops at the captured end, so this terminates.
        while (isExtension(next)) {
            if (offset + 8 > end) {
                return Optional.empty();
            }
            int following = buf.get(offset) & 0xFF;
            int length;
            if (next == EXT_FRAGMENT) {
                length = 8;
                firstFragment = ((buf.getShort(offset + 2) & 0xFFF8) == 0);
            } else if (next == EXT_AUTH) {
                length = ((buf.get(offset + 1) & 0xFF) + 2) * 4;
            } else {
                length = ((buf.get(offset + 1) & 0xFF) + 1) * 8;
            }
            offset += length;
            next = following;
            if (!firstFragment) {
                break;
            }
        }
        if (offset > end) {
            return Optional.empty();
        }
        ByteBuffer payload = slice(buf, offset, end);
        return Optional.of(new IpPacket(6, source, destination, next, hopLimit, totalLength, true, firstFragment,
                payload));
    }

    private static boolean isExtension(int next) {
        return next == EXT_HOP_BY_HOP || next == EXT_ROUTING || next == EXT_FRAGMENT || next == EXT_AUTH
                || next == EXT_DEST_OPTS || next == EXT_MOBILITY;
    }

    private static ByteBuffer slice(ByteBuffer buf, int from, int to) {
        return buf.duplicate().position(from).limit(Math.max(from, to)).slice().order(ByteOrder.BIG_ENDIAN);
    }

    private static InetAddress address(ByteBuffer buf, int offset, int length) {
        byte[] bytes = new byte[length];
        buf.get(offset, bytes);
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("address of " + length + " bytes rejected", e);
        }
    }
}
