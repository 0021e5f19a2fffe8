package io.pmtuwatch.probe.packet;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/** Decodes a TCP header and its options from the transport bytes of an IP packet. Pure. */
public final class TcpDecoder {

    private static final int MIN_HEADER = 20;

    private TcpDecoder() {
    }

    /** Empty when fewer than 20 bytes were captured or the data offset is below 5 words. */
    public static Optional<TcpSegment> decode(ByteBuffer transport) {
        // Only absolute reads follow, so a big-endian buffer is read as is: no copy per segment.
        ByteBuffer buf = transport.order() == ByteOrder.BIG_ENDIAN ? transport
                : transport.duplicate().order(ByteOrder.BIG_ENDIAN);
        if (buf.limit() < MIN_HEADER) {
            return Optional.empty();
        }
        int sourcePort = buf.getShort(0) & 0xFFFF;
        int destinationPort = buf.getShort(2) & 0xFFFF;
        long sequence = buf.getInt(4) & 0xFFFFFFFFL;
        long acknowledgment = buf.getInt(8) & 0xFFFFFFFFL;
        int headerLength = ((buf.get(12) & 0xF0) >>> 4) * 4;
        if (headerLength < MIN_HEADER) {
            return Optional.empty();
        }
        TcpFlags flags = TcpFlags.of(buf.get(13) & 0xFF);
        int window = buf.getShort(14) & 0xFFFF;
        // A header longer than the capture yields the options that fit, flagged as malformed.
        TcpOptions options = TcpOptionsDecoder.decode(buf, MIN_HEADER, headerLength);
        return Optional.of(new TcpSegment(sourcePort, destinationPort, sequence, acknowledgment, flags, window,
                headerLength, options));
    }
}
