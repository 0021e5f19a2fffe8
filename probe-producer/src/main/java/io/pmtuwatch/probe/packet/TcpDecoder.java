package io.pmtuwatch.probe.packet;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * Decodes a TCP header and its options from the transport bytes of an IP packet (through a
 * {@link TcpHeader}: the same decoding as a reader's in place). Pure.
 */
public final class TcpDecoder {

    private TcpDecoder() {
    }

    /** Empty when fewer than 20 bytes were captured or the data offset is below 5 words. */
    public static Optional<TcpSegment> decode(ByteBuffer transport) {
        // Only absolute reads follow, so a big-endian buffer is read as is: no copy per segment.
        ByteBuffer buf = transport.order() == ByteOrder.BIG_ENDIAN ? transport
                : transport.duplicate().order(ByteOrder.BIG_ENDIAN);
        TcpHeader header = new TcpHeader();
        return header.decode(buf, 0, buf.limit()) ? Optional.of(header.segment()) : Optional.empty();
    }
}
