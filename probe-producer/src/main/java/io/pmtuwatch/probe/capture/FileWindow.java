package io.pmtuwatch.probe.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * A sequential window onto a file: one reusable direct buffer, refilled by {@link FileChannel}
 * reads, so a reader parses records in place and files of any size (beyond 2 GB) stream through
 * without mapping. Knows the file offset of every byte it holds, which is how damage gets its offset.
 *
 * <p>A direct buffer because a channel read into a heap buffer goes through a temporary direct one
 * (an extra copy of every byte). Not thread-safe.
 */
final class FileWindow implements AutoCloseable {

    /**
     * Small enough that what a read copies in is still in the core's cache (1 MiB of L2 on the machine
     * measured) when the records are parsed: analyze's main thread took 13% less CPU on the bench's
     * 1.2 GB capture than with 4 MiB (medians of 5 alternating runs each, twice). A larger record grows it.
     */
    static final int DEFAULT_CAPACITY = 256 << 10;

    private final FileChannel channel;
    /** False for a pipe (e.g. /dev/stdin): skipping then reads and discards instead of seeking. */
    private final boolean seekable;
    private ByteBuffer buffer;
    /** File offset of {@code buffer.position()}. */
    private long offset;
    private boolean endOfFile;
    private boolean skippedPastEnd;

    FileWindow(FileChannel channel, boolean seekable, int capacity) {
        this.channel = channel;
        this.seekable = seekable;
        this.buffer = ByteBuffer.allocateDirect(capacity);
        buffer.limit(0);
    }

    /** The buffer; the unread bytes are [{@link #position()}, limit). Parse with absolute gets only. */
    ByteBuffer buffer() {
        return buffer;
    }

    /** Buffer index of the next unread byte. */
    int position() {
        return buffer.position();
    }

    /** File offset of the next unread byte. */
    long offset() {
        return offset;
    }

    /** Byte order of the buffer's multi-byte gets (a capture file says which). */
    void order(ByteOrder order) {
        buffer.order(order);
    }

    /**
     * Makes {@code n} unread bytes available from {@link #position()}, reading (and growing the buffer
     * when a record is larger than it) as needed.
     *
     * @return the bytes available, less than {@code n} only at the end of the file
     */
    int require(int n) throws IOException {
        if (buffer.remaining() >= n) {
            return n;
        }
        if (n > buffer.capacity()) {
            ByteBuffer larger = ByteBuffer.allocateDirect(Math.max(n, buffer.capacity() * 2)).order(buffer.order());
            larger.put(buffer);
            buffer = larger;
        } else {
            buffer.compact();
        }
        // The buffer is now in fill mode: [0, position) holds the unread bytes.
        while (buffer.position() < n && !endOfFile) {
            if (channel.read(buffer) < 0) {
                endOfFile = true;
            }
        }
        buffer.flip();
        return Math.min(n, buffer.remaining());
    }

    /** Consumes {@code n} bytes, seeking (or, in a pipe, reading) past what the buffer does not hold. */
    void skip(long n) throws IOException {
        offset += n;
        if (n <= buffer.remaining()) {
            buffer.position(buffer.position() + (int) n);
            return;
        }
        long beyond = n - buffer.remaining();
        buffer.position(0).limit(0);
        if (seekable) {
            channel.position(channel.position() + beyond);
            skippedPastEnd = offset > channel.size();
            return;
        }
        while (beyond > 0 && !endOfFile) {
            buffer.clear();
            if (channel.read(buffer) < 0) {
                endOfFile = true;
            }
            buffer.flip();
            int discard = (int) Math.min(beyond, buffer.remaining());
            buffer.position(discard);
            beyond -= discard;
        }
        skippedPastEnd = beyond > 0;
    }

    /** True when the last {@link #skip} went past the end of the file (the skipped bytes were not all there). */
    boolean beyondEnd() {
        return skippedPastEnd;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
