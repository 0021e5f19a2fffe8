package io.pmtuwatch.probe.packet;

import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * An IPv4 or IPv6 header decoded in place: primitive fields read from a buffer at absolute indexes,
 * refilled by every {@link #decode} (a reader keeps one and decodes millions of packets into it, no
 * object per packet). {@link #packet} makes the {@link IpPacket} of the last decode when one is
 * wanted; {@link IpDecoder} is this plus that. IPv6 extension headers are walked to the upper-layer
 * protocol or to a Fragment header. Pure; never throws on any input. Not thread-safe.
 */
public final class IpHeader {

    private static final int IPV4_MIN_HEADER = 20;
    private static final int IPV6_HEADER = 40;
    private static final int EXT_HOP_BY_HOP = 0;
    private static final int EXT_ROUTING = 43;
    private static final int EXT_FRAGMENT = 44;
    private static final int EXT_AUTH = 51;
    private static final int EXT_DEST_OPTS = 60;
    private static final int EXT_MOBILITY = 135;

    private int version;
    /** IPv4: 0 and the address's 32 bits; IPv6: the address's high and low 64 bits. */
    private long sourceHigh;
    private long sourceLow;
    private long destinationHigh;
    private long destinationLow;
    private int protocol;
    private int hopLimit;
    private int totalLength;
    private boolean dontFragment;
    private boolean firstFragment;
    private int headerLength;
    private int payloadStart;
    private int payloadEnd;
    private boolean fragmented;
    private long fragmentId;
    private int fragmentOffset;
    private boolean moreFragments;

    /**
     * Decodes the packet in bytes {@code [start, end)} of {@code buf} (big-endian; only absolute reads).
     *
     * @return false when the header is truncated or invalid (the fields are then meaningless)
     */
    public boolean decode(ByteBuffer buf, int start, int end) {
        fragmented = false;
        if (end - start < 1) {
            return false;
        }
        version = (buf.get(start) & 0xF0) >>> 4;
        if (version == 4) {
            return ipv4(buf, start, end);
        }
        if (version == 6) {
            return ipv6(buf, start, end);
        }
        return false;
    }

    private boolean ipv4(ByteBuffer buf, int start, int end) {
        int captured = end - start;
        if (captured < IPV4_MIN_HEADER) {
            return false;
        }
        headerLength = (buf.get(start) & 0x0F) * 4;
        totalLength = buf.getShort(start + 2) & 0xFFFF;
        if (headerLength < IPV4_MIN_HEADER || captured < headerLength) {
            return false;
        }
        if (totalLength < headerLength) {
            // Total length 0 is what TSO/GRO captures show for super-packets larger than 64 KiB: the
            // capture length is then the only length there is. Anything else below the header is corrupt.
            if (totalLength != 0) {
                return false;
            }
            totalLength = captured;
        }
        int flagsAndOffset = buf.getShort(start + 6) & 0xFFFF;
        fragmented = true; // IPv4 always has the fields; Fragment#isPiece tells a real piece
        fragmentId = buf.getShort(start + 4) & 0xFFFF;
        dontFragment = (flagsAndOffset & 0x4000) != 0;
        moreFragments = (flagsAndOffset & 0x2000) != 0;
        fragmentOffset = (flagsAndOffset & 0x1FFF) * 8;
        firstFragment = fragmentOffset == 0;
        hopLimit = buf.get(start + 8) & 0xFF;
        protocol = buf.get(start + 9) & 0xFF;
        sourceHigh = 0;
        sourceLow = buf.getInt(start + 12) & 0xFFFFFFFFL;
        destinationHigh = 0;
        destinationLow = buf.getInt(start + 16) & 0xFFFFFFFFL;
        // Trust the smaller of what the header claims and what was captured (snaplen, Ethernet padding).
        payloadStart = start + headerLength;
        payloadEnd = Math.max(payloadStart, start + Math.min(captured, totalLength));
        return true;
    }

    private boolean ipv6(ByteBuffer buf, int start, int end) {
        int captured = end - start;
        if (captured < IPV6_HEADER) {
            return false;
        }
        int payloadLength = buf.getShort(start + 4) & 0xFFFF;
        int next = buf.get(start + 6) & 0xFF;
        hopLimit = buf.get(start + 7) & 0xFF;
        sourceHigh = buf.getLong(start + 8);
        sourceLow = buf.getLong(start + 16);
        destinationHigh = buf.getLong(start + 24);
        destinationLow = buf.getLong(start + 32);
        // Payload length 0 with no jumbo option: a GRO super-packet or a cut header; use what was captured.
        totalLength = payloadLength == 0 ? captured : IPV6_HEADER + payloadLength;
        int last = Math.min(captured, totalLength);
        int offset = IPV6_HEADER;
        // Each step advances by at least 8 bytes and stops at the captured end, so this terminates.
        while (isExtension(next)) {
            if (offset + 8 > last) {
                return false;
            }
            int following = buf.get(start + offset) & 0xFF;
            if (next == EXT_FRAGMENT) {
                int offsetAndFlags = buf.getShort(start + offset + 2) & 0xFFFF;
                fragmented = true;
                fragmentId = buf.getInt(start + offset + 4) & 0xFFFFFFFFL;
                fragmentOffset = offsetAndFlags & 0xFFF8;
                moreFragments = (offsetAndFlags & 1) != 0;
                offset += 8;
                next = following;
                // What follows belongs to the fragmentable part: for a piece of a datagram it is only
                // readable after reassembly, so stop here.
                if (isFragmentPiece()) {
                    break;
                }
                continue;
            }
            int length = next == EXT_AUTH
                    ? ((buf.get(start + offset + 1) & 0xFF) + 2) * 4
                    : ((buf.get(start + offset + 1) & 0xFF) + 1) * 8;
            offset += length;
            next = following;
        }
        if (offset > last) {
            return false;
        }
        protocol = next;
        headerLength = offset;
        dontFragment = true;
        firstFragment = !fragmented || fragmentOffset == 0;
        payloadStart = start + offset;
        payloadEnd = start + last;
        return true;
    }

    private static boolean isExtension(int next) {
        return next == EXT_HOP_BY_HOP || next == EXT_ROUTING || next == EXT_FRAGMENT || next == EXT_AUTH
                || next == EXT_DEST_OPTS || next == EXT_MOBILITY;
    }

    /** The {@link IpPacket} of the last successful {@link #decode} of {@code buf}: its payload a slice of it. */
    public IpPacket packet(ByteBuffer buf) {
        return new IpPacket(version, source(), destination(), protocol, hopLimit, totalLength, dontFragment,
                firstFragment, buf.slice(payloadStart, payloadEnd - payloadStart), headerLength,
                fragmented ? new Fragment(fragmentId, fragmentOffset, moreFragments) : null);
    }

    public int version() {
        return version;
    }

    public int protocol() {
        return protocol;
    }

    public int hopLimit() {
        return hopLimit;
    }

    /** As {@link IpPacket#totalLength()}. */
    public int totalLength() {
        return totalLength;
    }

    public int headerLength() {
        return headerLength;
    }

    public boolean dontFragment() {
        return dontFragment;
    }

    public boolean firstFragment() {
        return firstFragment;
    }

    /** As {@link IpPacket#isFragmentPiece()}. */
    public boolean isFragmentPiece() {
        return fragmented && (fragmentOffset != 0 || moreFragments);
    }

    /** Buffer index of the first payload byte (after every IP header). */
    public int payloadStart() {
        return payloadStart;
    }

    /** Buffer index after the last captured payload byte. */
    public int payloadEnd() {
        return payloadEnd;
    }

    /** IPv6: the source address's high 64 bits; IPv4: 0. */
    public long sourceHigh() {
        return sourceHigh;
    }

    /** IPv6: the source address's low 64 bits; IPv4: its 32 bits. */
    public long sourceLow() {
        return sourceLow;
    }

    public long destinationHigh() {
        return destinationHigh;
    }

    public long destinationLow() {
        return destinationLow;
    }

    /** The source address, one instance per busy address (see {@link IpDecoder#address}). */
    public InetAddress source() {
        return IpDecoder.address(version, sourceHigh, sourceLow);
    }

    public InetAddress destination() {
        return IpDecoder.address(version, destinationHigh, destinationLow);
    }
}
