package io.pmtuwatch.probe.capture;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One frame of a capture file read in place: where its bytes are in the reader's buffer, with its
 * record's fields. Valid until the next read; reused for every frame (no copy, no object per frame).
 * {@link #copy()} makes the {@link CapturedFrame} of a frame that has to outlive the read.
 */
final class RecordView {

    /** The reader's buffer last seen, and a big-endian view of all of it (packet headers are big-endian). */
    private ByteBuffer source;
    private ByteBuffer bytes;
    private long number;
    private long timestampMicros;
    private int originalLength;
    private int start;
    private int length;

    /** Points this view at {@code length} bytes of {@code buffer} from index {@code start}. */
    void set(long number, long timestampMicros, int originalLength, ByteBuffer buffer, int start, int length) {
        if (buffer != source) {
            // Only when the reader's buffer is replaced (it grows for a record larger than it).
            source = buffer;
            bytes = buffer.duplicate().clear().order(ByteOrder.BIG_ENDIAN);
        }
        this.number = number;
        this.timestampMicros = timestampMicros;
        this.originalLength = originalLength;
        this.start = start;
        this.length = length;
    }

    /** The buffer holding the frame, big-endian; read it at absolute indexes in [{@link #start}, {@link #end}). */
    ByteBuffer bytes() {
        return bytes;
    }

    int start() {
        return start;
    }

    int end() {
        return start + length;
    }

    /** Captured bytes. */
    int length() {
        return length;
    }

    /** As {@link CapturedFrame#number()}. */
    long number() {
        return number;
    }

    long timestampMicros() {
        return timestampMicros;
    }

    int originalLength() {
        return originalLength;
    }

    /** The frame as a {@link CapturedFrame} of its own (its bytes copied). */
    CapturedFrame copy() {
        byte[] frame = new byte[length];
        bytes.get(start, frame);
        return new CapturedFrame(number, timestampMicros, originalLength, frame);
    }
}
