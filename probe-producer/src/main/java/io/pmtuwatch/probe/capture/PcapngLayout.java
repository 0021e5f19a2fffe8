package io.pmtuwatch.probe.capture;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The blocks of a pcapng file, parsed in place from a buffer positioned at a block's start: every
 * block is type, total length, body, total length again. Pure (no I/O); except for {@link #sectionOrder}
 * the buffer's byte order must be the section's.
 */
final class PcapngLayout {

    static final int SECTION_HEADER = CaptureFileFormat.SECTION_HEADER;
    static final int INTERFACE_DESCRIPTION = 1;
    /** Obsolete Packet Block: an EPB with a 16-bit interface id and a 16-bit drop count. */
    static final int PACKET = 2;
    static final int SIMPLE_PACKET = 3;
    static final int ENHANCED_PACKET = 6;

    static final int BLOCK_HEADER = 8;
    static final int MIN_BLOCK = 12;
    /** Smallest Section Header Block: header, byte-order magic, version, section length, trailer. */
    static final int MIN_SECTION_HEADER = 28;
    /**
     * Largest block read whole (headers and packets; others are skipped unread): libpcap's own bound.
     * Anything larger is a misaligned or damaged length.
     */
    static final int MAX_BLOCK = 16 << 20;

    private static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    private static final int OPT_END = 0;
    private static final int OPT_TSRESOL = 9;
    private static final int OPT_TSOFFSET = 14;
    // EPB and OPB share a layout from the timestamp on; SPB has only the original length.
    private static final int PACKET_DATA = 28;
    private static final int SIMPLE_PACKET_DATA = 12;

    private PcapngLayout() {
    }

    /** The byte order of the section whose header starts at {@code at}, from its byte-order magic. */
    static ByteOrder sectionOrder(ByteBuffer b, int at) throws MalformedRecordException {
        int magic = b.duplicate().order(ByteOrder.BIG_ENDIAN).getInt(at + 8);
        if (magic == BYTE_ORDER_MAGIC) {
            return ByteOrder.BIG_ENDIAN;
        }
        if (Integer.reverseBytes(magic) == BYTE_ORDER_MAGIC) {
            return ByteOrder.LITTLE_ENDIAN;
        }
        throw new MalformedRecordException(String.format("section header with a bad byte-order magic %08x", magic));
    }

    static int type(ByteBuffer b, int at) {
        return b.getInt(at);
    }

    /** The block's total length, checked for what every block must be: at least 12 and a multiple of 4. */
    static long length(ByteBuffer b, int at) throws MalformedRecordException {
        long length = b.getInt(at + 4) & 0xFFFFFFFFL;
        if (length < MIN_BLOCK || length % 4 != 0) {
            throw new MalformedRecordException("block of type " + Integer.toUnsignedString(type(b, at))
                    + " with an impossible length " + length);
        }
        return length;
    }

    /** A whole block's trailing length must repeat the leading one; else the file is misaligned here. */
    static void checkTrailer(ByteBuffer b, int at, int length) throws MalformedRecordException {
        long trailer = b.getInt(at + length - 4) & 0xFFFFFFFFL;
        if (trailer != length) {
            throw new MalformedRecordException("block of type " + Integer.toUnsignedString(type(b, at))
                    + " says its length is " + length + " at its start and " + trailer + " at its end");
        }
    }

    /** Checks a whole Section Header Block (its version; the section length is only a hint and ignored). */
    static void checkSectionHeader(ByteBuffer b, int at, int length) throws MalformedRecordException {
        if (length < MIN_SECTION_HEADER) {
            throw new MalformedRecordException("section header block of " + length + " bytes is too short");
        }
        int major = b.getShort(at + 12) & 0xFFFF;
        int minor = b.getShort(at + 14) & 0xFFFF;
        if (major != 1) {
            throw new MalformedRecordException("unsupported pcapng version " + major + "." + minor);
        }
    }

    /** A whole Interface Description Block: link type, snaplen and the timestamp options. */
    static PcapngInterface parseInterface(ByteBuffer b, int at, int length) throws MalformedRecordException {
        if (length < 20) {
            throw new MalformedRecordException("interface description block of " + length + " bytes is too short");
        }
        int linkType = b.getShort(at + 8) & 0xFFFF;
        long snaplen = b.getInt(at + 12) & 0xFFFFFFFFL;
        TimestampResolution resolution = TimestampResolution.MICROS;
        long offsetSeconds = 0;
        int option = at + 16;
        int end = at + length - 4;
        while (option + 4 <= end) {
            int code = b.getShort(option) & 0xFFFF;
            int size = b.getShort(option + 2) & 0xFFFF;
            int value = option + 4;
            if (code == OPT_END) {
                break;
            }
            if (value + size > end) {
                throw new MalformedRecordException("option " + code + " of " + size
                        + " bytes runs past its interface description block");
            }
            if (code == OPT_TSRESOL && size >= 1) {
                resolution = TimestampResolution.of(b.get(value) & 0xFF);
            } else if (code == OPT_TSOFFSET && size >= 8) {
                offsetSeconds = b.getLong(value);
            }
            option = value + ((size + 3) & ~3);
        }
        return new PcapngInterface(linkType, snaplen, resolution, offsetSeconds);
    }

    static boolean isPacket(int type) {
        return type == ENHANCED_PACKET || type == SIMPLE_PACKET || type == PACKET;
    }

    /** The interface a packet block's frame came from; a Simple Packet Block's is always the first. */
    static int interfaceId(ByteBuffer b, int at, int type) {
        return switch (type) {
            case ENHANCED_PACKET -> b.getInt(at + 8);
            case PACKET -> b.getShort(at + 8) & 0xFFFF;
            default -> 0;
        };
    }

    /** A packet's timestamp in its interface's units, unsigned 64-bit; Simple Packet Blocks have none (0). */
    static long timestampUnits(ByteBuffer b, int at, int type) {
        if (type == SIMPLE_PACKET) {
            return 0;
        }
        return (b.getInt(at + 12) & 0xFFFFFFFFL) << 32 | (b.getInt(at + 16) & 0xFFFFFFFFL);
    }

    static int dataOffset(int type) {
        return type == SIMPLE_PACKET ? SIMPLE_PACKET_DATA : PACKET_DATA;
    }

    /**
     * The bytes captured of a whole packet block's frame, checked against {@link RecordLengths} and against
     * the block. A Simple Packet Block does not say: it holds the frame cut to the interface's snaplen.
     */
    static int capturedLength(ByteBuffer b, int at, int type, int length, long snaplen)
            throws MalformedRecordException {
        int data = dataOffset(type);
        if (length < data + 4) {
            throw new MalformedRecordException("packet block of type " + type + " and " + length
                    + " bytes is too short for its fields");
        }
        long original = originalLengthUnsigned(b, at, type);
        long captured;
        if (type == SIMPLE_PACKET) {
            captured = snaplen == 0 ? original : Math.min(original, snaplen);
        } else {
            captured = b.getInt(at + 20) & 0xFFFFFFFFL;
        }
        RecordLengths.check(captured, original);
        if (captured > length - data - 4) {
            throw new MalformedRecordException("captured length " + captured + " does not fit its " + length
                    + "-byte block");
        }
        return (int) captured;
    }

    /** The frame's length on the wire; call after {@link #capturedLength} has checked it. */
    static int originalLength(ByteBuffer b, int at, int type) {
        return (int) originalLengthUnsigned(b, at, type);
    }

    private static long originalLengthUnsigned(ByteBuffer b, int at, int type) {
        return b.getInt(at + (type == SIMPLE_PACKET ? 8 : 24)) & 0xFFFFFFFFL;
    }
}
