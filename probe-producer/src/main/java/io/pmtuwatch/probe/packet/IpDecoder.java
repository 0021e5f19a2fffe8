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
        // Only absolute reads follow, so a big-endian buffer is read as is: no copy per packet.
        ByteBuffer buf = ip.order() == ByteOrder.BIG_ENDIAN ? ip : ip.duplicate().order(ByteOrder.BIG_ENDIAN);
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
        InetAddress source = ipv4Address(buf, 12);
        InetAddress destination = ipv4Address(buf, 16);
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
        InetAddress source = ipv6Address(buf, 8);
        InetAddress destination = ipv6Address(buf, 24);
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
        // One buffer, not a duplicate and its slice; a slice is big-endian.
        return buf.slice(from, Math.max(from, to) - from);
    }

    // InetAddress is immutable, so one instance per address value can serve every packet: a small
    // direct-mapped cache keeps a capture's busy addresses from costing an object (and its byte array)
    // per packet. Entries are immutable with final fields, so sharing the arrays between threads
    // without locking is safe: a reader sees an old entry or a whole new one, and a miss just
    // creates the address as before.
    private static final int CACHE_SLOTS = 4096;
    private static final V4[] V4_CACHE = new V4[CACHE_SLOTS];
    private static final V6[] V6_CACHE = new V6[CACHE_SLOTS];

    private record V4(int bits, InetAddress address) {
    }

    private record V6(long high, long low, InetAddress address) {
    }

    private static InetAddress ipv4Address(ByteBuffer buf, int offset) {
        int bits = buf.getInt(offset);
        int slot = mix(bits) & (CACHE_SLOTS - 1);
        V4 entry = V4_CACHE[slot];
        if (entry != null && entry.bits() == bits) {
            return entry.address();
        }
        InetAddress address = address(buf, offset, 4);
        V4_CACHE[slot] = new V4(bits, address);
        return address;
    }

    private static InetAddress ipv6Address(ByteBuffer buf, int offset) {
        long high = buf.getLong(offset);
        long low = buf.getLong(offset + 8);
        int slot = mix(Long.hashCode(high) * 31 + Long.hashCode(low)) & (CACHE_SLOTS - 1);
        V6 entry = V6_CACHE[slot];
        if (entry != null && entry.high() == high && entry.low() == low) {
            return entry.address();
        }
        InetAddress address = address(buf, offset, 16);
        V6_CACHE[slot] = new V6(high, low, address);
        return address;
    }

    private static int mix(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
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
