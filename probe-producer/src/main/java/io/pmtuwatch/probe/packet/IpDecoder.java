package io.pmtuwatch.probe.packet;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * Decodes IPv4 and IPv6 headers into {@link IpPacket}s (through an {@link IpHeader}: the same decoding
 * as a reader's in place). Pure; never throws on any input.
 */
public final class IpDecoder {

    private IpDecoder() {
    }

    /** Decodes the packet starting at position 0 of {@code ip}; empty when the header is truncated or invalid. */
    public static Optional<IpPacket> decode(ByteBuffer ip) {
        // Only absolute reads follow, so a big-endian buffer is read as is: no copy per packet.
        ByteBuffer buf = ip.order() == ByteOrder.BIG_ENDIAN ? ip : ip.duplicate().order(ByteOrder.BIG_ENDIAN);
        IpHeader header = new IpHeader();
        return header.decode(buf, 0, buf.limit()) ? Optional.of(header.packet(buf)) : Optional.empty();
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

    /** The address of an IPv4 ({@code low}'s 32 bits) or IPv6 header field, cached as said above. */
    static InetAddress address(int version, long high, long low) {
        return version == 4 ? ipv4Address((int) low) : ipv6Address(high, low);
    }

    private static InetAddress ipv4Address(int bits) {
        int slot = mix(bits) & (CACHE_SLOTS - 1);
        V4 entry = V4_CACHE[slot];
        if (entry != null && entry.bits() == bits) {
            return entry.address();
        }
        InetAddress address = address(ByteBuffer.allocate(4).putInt(bits).array());
        V4_CACHE[slot] = new V4(bits, address);
        return address;
    }

    private static InetAddress ipv6Address(long high, long low) {
        int slot = mix(Long.hashCode(high) * 31 + Long.hashCode(low)) & (CACHE_SLOTS - 1);
        V6 entry = V6_CACHE[slot];
        if (entry != null && entry.high() == high && entry.low() == low) {
            return entry.address();
        }
        InetAddress address = address(ByteBuffer.allocate(16).putLong(high).putLong(low).array());
        V6_CACHE[slot] = new V6(high, low, address);
        return address;
    }

    private static int mix(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("address of " + bytes.length + " bytes rejected", e);
        }
    }
}
