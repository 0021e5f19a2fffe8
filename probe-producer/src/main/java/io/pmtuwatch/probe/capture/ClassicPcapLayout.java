package io.pmtuwatch.probe.capture;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The headers of a classic pcap file, parsed in place from a buffer: the 24-byte file header and the
 * 16-byte record header in front of every frame. Pure (no I/O); the buffer's byte order must be the
 * file's (see {@link #parse}).
 */
final class ClassicPcapLayout {

    static final int FILE_HEADER = 24;
    static final int RECORD_HEADER = 16;

    /**
     * The file header.
     *
     * @param order        the byte order of every field in the file
     * @param nanoseconds  true when record timestamps count nanoseconds, not microseconds
     * @param versionMajor format version, 2 in every file written since the 1990s
     * @param versionMinor 4 nowadays
     * @param snaplen      the capture's snapshot length (informative: records are checked on their own)
     * @param linkType     LINKTYPE_ value; the upper bits (FCS length) are masked off as libpcap does
     */
    record FileHeader(ByteOrder order, boolean nanoseconds, int versionMajor, int versionMinor, long snaplen,
                      int linkType) {
    }

    private ClassicPcapLayout() {
    }

    /** The file header at {@code at}, whatever the buffer's byte order (the magic tells). */
    static FileHeader parse(ByteBuffer b, int at) throws MalformedRecordException {
        int magic = b.duplicate().order(ByteOrder.BIG_ENDIAN).getInt(at);
        ByteOrder order = ByteOrder.BIG_ENDIAN;
        if (magic != CaptureFileFormat.PCAP_MICROS && magic != CaptureFileFormat.PCAP_NANOS) {
            order = ByteOrder.LITTLE_ENDIAN;
            magic = Integer.reverseBytes(magic);
        }
        if (magic != CaptureFileFormat.PCAP_MICROS && magic != CaptureFileFormat.PCAP_NANOS) {
            throw new MalformedRecordException(String.format("not a pcap magic number: %08x", magic));
        }
        ByteBuffer ordered = b.duplicate().order(order);
        int major = ordered.getShort(at + 4) & 0xFFFF;
        int minor = ordered.getShort(at + 6) & 0xFFFF;
        if (major != 2) {
            throw new MalformedRecordException("unsupported pcap version " + major + "." + minor);
        }
        long snaplen = ordered.getInt(at + 16) & 0xFFFFFFFFL;
        int linkType = ordered.getInt(at + 20) & 0x03FFFFFF;
        return new FileHeader(order, magic == CaptureFileFormat.PCAP_NANOS, major, minor, snaplen, linkType);
    }

    /** The record's timestamp in microseconds since the epoch (nanoseconds truncated, as libpcap does). */
    static long micros(ByteBuffer b, int at, boolean nanoseconds) {
        long seconds = b.getInt(at) & 0xFFFFFFFFL;
        long fraction = b.getInt(at + 4) & 0xFFFFFFFFL;
        return seconds * 1_000_000L + (nanoseconds ? fraction / 1000 : fraction);
    }

    /** The record's captured length: the bytes that follow its header, checked against {@link RecordLengths}. */
    static int capturedLength(ByteBuffer b, int at) throws MalformedRecordException {
        long captured = b.getInt(at + 8) & 0xFFFFFFFFL;
        RecordLengths.check(captured, originalLengthUnsigned(b, at));
        return (int) captured;
    }

    /** The frame's length on the wire; call after {@link #capturedLength} has checked it. */
    static int originalLength(ByteBuffer b, int at) {
        return b.getInt(at + 12);
    }

    private static long originalLengthUnsigned(ByteBuffer b, int at) {
        return b.getInt(at + 12) & 0xFFFFFFFFL;
    }
}
