package io.pmtuwatch.probe.packet;

import java.nio.ByteBuffer;

/**
 * A TCP header decoded in place: primitive fields read from a buffer at absolute indexes, refilled by
 * every {@link #decode} (reused for every segment of a capture). {@link #segment} makes the
 * {@link TcpSegment} of the last decode; {@link TcpDecoder} is this plus that. Pure; not thread-safe.
 */
public final class TcpHeader {

    private static final int MIN_HEADER = 20;

    private final TcpOptionsDecoder.Fields options = new TcpOptionsDecoder.Fields();
    private int sourcePort;
    private int destinationPort;
    private long sequence;
    private long acknowledgment;
    private int flags;
    private int window;
    private int headerLength;

    /**
     * Decodes the segment whose captured bytes are {@code [start, end)} of {@code buf} (big-endian).
     *
     * @return false when fewer than 20 bytes were captured or the data offset is below 5 words
     */
    public boolean decode(ByteBuffer buf, int start, int end) {
        if (end - start < MIN_HEADER) {
            return false;
        }
        headerLength = ((buf.get(start + 12) & 0xF0) >>> 4) * 4;
        if (headerLength < MIN_HEADER) {
            return false;
        }
        sourcePort = buf.getShort(start) & 0xFFFF;
        destinationPort = buf.getShort(start + 2) & 0xFFFF;
        sequence = buf.getInt(start + 4) & 0xFFFFFFFFL;
        acknowledgment = buf.getInt(start + 8) & 0xFFFFFFFFL;
        flags = buf.get(start + 13) & 0xFF;
        window = buf.getShort(start + 14) & 0xFFFF;
        // A header longer than the capture yields the options that fit, flagged as malformed.
        TcpOptionsDecoder.walk(buf, start + MIN_HEADER, start + headerLength, end, options);
        return true;
    }

    /** The {@link TcpSegment} of the last successful {@link #decode}. */
    public TcpSegment segment() {
        return new TcpSegment(sourcePort, destinationPort, sequence, acknowledgment, TcpFlags.of(flags), window,
                headerLength, options.options());
    }

    public int sourcePort() {
        return sourcePort;
    }

    public int destinationPort() {
        return destinationPort;
    }

    public long sequence() {
        return sequence;
    }

    /** The flag byte (see {@link TcpFlags}). */
    public int flags() {
        return flags;
    }

    /** Data offset in bytes. */
    public int headerLength() {
        return headerLength;
    }

    /** An MSS option was decoded (as {@code segment().options().mss() != null}). */
    public boolean hasMss() {
        return options.mss >= 0;
    }
}
