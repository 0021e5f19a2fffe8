package io.pmtuwatch.probe.capture;

import io.pmtuwatch.probe.packet.Frame;
import io.pmtuwatch.probe.packet.FrameDecoder;
import io.pmtuwatch.probe.packet.LinkType;
import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads and decodes a capture file's frames on a thread of its own, a batch ahead of the analysis:
 * reading the records and decoding their headers was about half of {@code analyze}'s time, and a
 * second core can do it while the analyzer works on the batch before. The frames come out in file
 * order, each with the same {@link FrameDecoder#decode} the analyzer would have run; the file's end or
 * its damage comes out after the last frame read before it. Used by one consumer thread.
 */
final class DecodingReader implements AutoCloseable {

    /** Frames per hand-over: large enough that the queue's cost is nothing per frame. */
    static final int BATCH = 2048;
    private static final int BATCHES_AHEAD = 4;

    /** Frames read and decoded; {@code end} after them: null while more follow, else why reading stopped. */
    record Batch(CapturedFrame[] frames, Frame[] decoded, int size, Ending end) {
    }

    /** The end of the file ({@code error} null) or what stopped the reading. */
    record Ending(IOException error, RuntimeException failure) {
    }

    private static final Ending END_OF_FILE = new Ending(null, null);

    private final BlockingQueue<Batch> batches = new ArrayBlockingQueue<>(BATCHES_AHEAD);
    private final Thread thread;
    private volatile boolean closed;

    DecodingReader(FrameSource source) {
        LinkType linkType = source.linkType();
        thread = new Thread(() -> readAll(source, linkType), "analyze-reader");
        thread.setDaemon(true);
        thread.start();
    }

    /** The next batch, in file order; the last one has an {@link Batch#end()}. */
    Batch next() throws InterruptedException {
        return batches.take();
    }

    private void readAll(FrameSource source, LinkType linkType) {
        Ending end = null;
        while (end == null && !closed) {
            CapturedFrame[] frames = new CapturedFrame[BATCH];
            Frame[] decoded = new Frame[BATCH];
            int size = 0;
            try {
                CapturedFrame frame;
                while (size < BATCH && (frame = source.next()) != null) {
                    frames[size] = frame;
                    decoded[size] = FrameDecoder.decode(linkType, frame.bytes());
                    size++;
                }
                if (size < BATCH) {
                    end = END_OF_FILE;
                }
            } catch (IOException e) {
                end = new Ending(e, null);
            } catch (RuntimeException e) {
                end = new Ending(null, e);
            }
            if (!hand(new Batch(frames, decoded, size, end))) {
                return;
            }
        }
    }

    /** Waits for room; false when the consumer closed (it stopped early: nothing more is wanted). */
    private boolean hand(Batch batch) {
        try {
            while (!closed) {
                if (batches.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /** Stops the reading thread (the source is the caller's to close, after this). */
    @Override
    public void close() {
        closed = true;
        batches.clear();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
