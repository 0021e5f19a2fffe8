package io.pmtuwatch.probe.packet;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * Decodes IPv4 and IPv6 headers (IPv6 extension headers are walked to the upper-layer protocol or to
 * the Fragment header). Pure; never throws on any input.
 */
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
        if (headerLength < IPV4_MIN_HEADER || buf.limit() < headerLength) {
            return Optional.empty();
        }
        if (totalLength < headerLength) {
            // Total length 0 is what TSO/GRO captures show for super-packets larger than 64 KiB: the
            // capture length is then the only length there is. Anything else below the header is corrupt.
            if (totalLength != 0) {
                return Optional.empty();
            }
            totalLength = buf.limit();
        }
        int identification = buf.getShort(4) & 0xFFFF;
        int flagsAndOffset = buf.getShort(6) & 0xFFFF;
        boolean dontFragment = (flagsAndOffset & 0x4000) != 0;
        boolean more = (flagsAndOffset & 0x2000) != 0;
        int offset = (flagsAndOffset & 0x1FFF) * 8;
        int ttl = buf.get(8) & 0xFF;
        int protocol = buf.get(9) & 0xFF;
        InetAddress source = address(buf, 12, 4);
        InetAddress destination = address(buf, 16, 4);
        // Trust the smaller of what the header claims and what was captured (snaplen, Ethernet padding).
        int end = Math.min(buf.limit(), totalLength);
        ByteBuffer payload = slice(buf, headerLength, end);
        return Optional.of(new IpPacket(4, source, destination, protocol, ttl, totalLength, dontFragment,
                offset == 0, payload, headerLength, new Fragment(identification, offset, more)));
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
        // Payload length 0 with no jumbo option: a GRO super-packet or a cut header; use what was captured.
        int totalLength = payloadLength == 0 ? buf.limit() : IPV6_HEADER + payloadLength;
        int end = Math.min(buf.limit(), totalLength);
        int offset = IPV6_HEADER;
        Fragment fragment = null;
        // Each step advances by at least 8 bytes and stops at the captured end, so this terminates.
        while (isExtension(next)) {
            if (offset + 8 > end) {
                return Optional.empty();
            }
            int following = buf.get(offset) & 0xFF;
            if (next == EXT_FRAGMENT) {
                int offsetAndFlags = buf.getShort(offset + 2) & 0xFFFF;
                long id = buf.getInt(offset + 4) & 0xFFFFFFFFL;
                fragment = new Fragment(id, offsetAndFlags & 0xFFF8, (offsetAndFlags & 1) != 0);
                offset += 8;
                next = following;
                // What follows belongs to the fragmentable part: for a piece of a datagram it is only
                // readable after reassembly, so stop here.
                if (fragment.isPiece()) {
                    break;
                }
                continue;
            }
            int length = next == EXT_AUTH
                    ? ((buf.get(offset + 1) & 0xFF) + 2) * 4
                    : ((buf.get(offset + 1) & 0xFF) + 1) * 8;
            offset += length;
            next = following;
        }
        if (offset > end) {
            return Optional.empty();
        }
        ByteBuffer payload = slice(buf, offset, end);
        boolean first = fragment == null || fragment.offset() == 0;
        return Optional.of(new IpPacket(6, source, destination, next, hopLimit, totalLength, true, first,
                payload, offset, fragment));
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
