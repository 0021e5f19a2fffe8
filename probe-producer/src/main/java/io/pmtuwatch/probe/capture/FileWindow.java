package io.pmtuwatch.probe.capture;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A sequential window onto a file: one large reusable direct buffer, refilled by {@link FileChannel}
 * reads, so a reader parses records in place and files of any size (beyond 2 GB) stream through
 * without mapping. Knows the file offset of every byte it holds, which is how damage gets its offset.
 *
 * <p>A direct buffer because a channel read into a heap buffer goes through a temporary direct one
 * (an extra copy of every byte). A file that can seek is read ahead: while its reader parses one buffer,
 * a thread of this window reads the next part of the file into a second one (the copy from the page
 * cache was a third of analyze's single thread, and a second core is idle); the two then swap, the
 * unread bytes of the first copied in front of the second. Not thread-safe (the reading ahead is
 * this window's own business).
 */
final class FileWindow implements AutoCloseable {

    static final int DEFAULT_CAPACITY = 4 << 20;

    private final FileChannel channel;
    /** False for a pipe (e.g. /dev/stdin): skipping then reads and discards instead of seeking. */
    private final boolean seekable;
    private ByteBuffer buffer;
    /** File offset of {@code buffer.position()}. */
    private long offset;
    private boolean endOfFile;
    private boolean skippedPastEnd;
    /** Bytes a read ahead fills; room for the unread bytes of the buffer before is kept in front of them. */
    private final int capacity;
    private final int head;
    /** The buffer read ahead into (seekable files only), and the read under way: null when none. */
    private ByteBuffer spare;
    private Ahead ahead;
    private ThreadPoolExecutor reader;

    /** A read of the file from offset {@code at} into the spare buffer, after its head; bytes read. */
    private record Ahead(long at, Future<Integer> bytes) {
    }

    FileWindow(FileChannel channel, boolean seekable, int capacity) {
        this.channel = channel;
        this.seekable = seekable;
        this.capacity = capacity;
        // A record's unread start is copied in front of the next part: up to 256 KiB (pcap's largest snaplen).
        this.head = Math.min(256 << 10, capacity);
        this.buffer = ByteBuffer.allocateDirect(seekable ? head + capacity : capacity);
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
        if (ahead != null && swap(n)) {
            return n;
        }
        if (seekable) {
            // Read here, from where the unread bytes end (a read ahead from elsewhere is of no use).
            dropAhead();
            channel.position(offset + buffer.remaining());
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
        if (seekable && !endOfFile) {
            readAhead();
        }
        return Math.min(n, buffer.remaining());
    }

    /**
     * Takes the part read ahead when it follows the unread bytes: they are copied in front of it and it
     * becomes the buffer, the buffer the spare, and the part after it is read ahead.
     *
     * @return true when {@code n} bytes are now available
     */
    private boolean swap(int n) throws IOException {
        int unread = buffer.remaining();
        if (ahead.at() != offset + unread || unread > head || unread + capacity < n) {
            return false;
        }
        int read = await(ahead);
        ahead = null;
        if (read == 0) {
            endOfFile = true;
            return false;
        }
        spare.put(head - unread, buffer, buffer.position(), unread);
        ByteBuffer before = buffer;
        buffer = spare.order(before.order());
        buffer.limit(head + read).position(head - unread);
        spare = before;
        endOfFile = read < capacity;
        if (!endOfFile) {
            readAhead();
        }
        return buffer.remaining() >= n;
    }

    /** Starts reading the part of the file after the buffer's bytes into the spare buffer. */
    private void readAhead() {
        if (spare == null || spare.capacity() < head + capacity) {
            spare = ByteBuffer.allocateDirect(head + capacity);
        }
        if (reader == null) {
            reader = new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
                Thread thread = new Thread(task, "capture-read-ahead");
                thread.setDaemon(true);
                return thread;
            });
            reader.allowCoreThreadTimeOut(true);
        }
        long at = offset + buffer.remaining();
        ByteBuffer into = spare.duplicate().clear().position(head).limit(head + capacity);
        ahead = new Ahead(at, reader.submit(() -> {
            // Positional reads: the channel's own position is the reading thread's (see require).
            while (into.hasRemaining() && channel.read(into, at + into.position() - head) >= 0) {
                // until full or at the end of the file
            }
            return into.position() - head;
        }));
    }

    private static int await(Ahead ahead) throws IOException {
        try {
            return ahead.bytes().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException("reading ahead failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading ahead");
        }
    }

    /** Waits for a read ahead that is no longer wanted (its buffer is about to be reused). */
    private void dropAhead() {
        if (ahead != null) {
            try {
                await(ahead);
            } catch (IOException e) {
                // Not wanted: the read that follows meets the same trouble, if any, and reports it.
            }
            ahead = null;
        }
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
            channel.position(offset);
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
        if (reader != null) {
            reader.shutdownNow();
        }
        channel.close();
    }
}
