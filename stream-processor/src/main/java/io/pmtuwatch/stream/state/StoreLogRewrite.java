package io.pmtuwatch.stream.state;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Bytes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;

/**
 * One compaction of a {@link StoreLog}, off the stream thread. It folds the log's batches up to where
 * the log ended when the rewrite started into one image, writes it as a single batch to a new file
 * (the header last, then synced), copies the batches appended meanwhile after it, and asks the log
 * to rename the new file over itself, under the log's lock with the few last appends. Until that
 * rename the log is the old file, whole; after it, the new one holds the same batches' result. A
 * process killed at any point therefore opens one or the other, and the new file is never read under
 * its own name (opening a log deletes it).
 */
final class StoreLogRewrite implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(StoreLogRewrite.class);
    // Copy appends without the lock until fewer than this are left: the rest is copied under it.
    private static final long CAUGHT_UP_WITHIN = 256 << 10;
    private static final int CATCH_UP_ROUNDS = 8;

    private final StoreLog target;
    private final Path file;
    private final long upTo;
    private final RewriteSteps steps;
    private final CountDownLatch stopped = new CountDownLatch(1);
    /** Set under the log's lock when it runs (a rewrite queued when its log closes never starts). */
    boolean started;

    StoreLogRewrite(StoreLog target, Path file, long upTo, RewriteSteps steps) {
        this.target = target;
        this.file = file;
        this.upTo = upTo;
        this.steps = steps;
    }

    @Override
    public void run() {
        Path next = null;
        boolean swapped = false;
        try {
            if (!target.begin(this)) {
                return;
            }
            long startNanos = System.nanoTime();
            try (FileChannel source = FileChannel.open(file, StandardOpenOption.READ)) {
                Map<Bytes, byte[]> entries = new HashMap<>();
                Map<TopicPartition, Long> offsets = new HashMap<>();
                if (!fold(source, entries, offsets)) {
                    return;
                }
                next = Files.createTempFile(file.getParent(), StoreLog.REWRITE_PREFIX + "-", "");
                FileChannel out = FileChannel.open(next, StandardOpenOption.READ, StandardOpenOption.WRITE);
                try {
                    steps.reached(RewriteSteps.Step.CREATED);
                    CRC32C crc = new CRC32C();
                    long imageBytes = writeImage(out, entries, offsets, crc);
                    int count = entries.size();
                    entries = null; // garbage from here on: the rest may take a while
                    steps.reached(RewriteSteps.Step.WRITTEN);
                    seal(out, imageBytes, crc);
                    steps.reached(RewriteSteps.Step.SEALED);
                    long copied = catchUp(source, out);
                    steps.reached(RewriteSteps.Step.CAUGHT_UP);
                    if (target.isClosed()) {
                        return;
                    }
                    swapped = target.swap(source, copied, out, next);
                    if (swapped) {
                        next = null;
                        log.debug("Rewrote {}: {} bytes to {} entries in {} bytes, in {} ms", file, upTo, count,
                                imageBytes + 8, (System.nanoTime() - startNanos) / 1_000_000);
                        steps.reached(RewriteSteps.Step.SWAPPED);
                    }
                } finally {
                    if (!swapped) {
                        out.close();
                    }
                }
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (!swapped && !target.isClosed()) {
                log.warn("Could not rewrite the state file {} ({}); it keeps growing until the next attempt", file,
                        e.toString());
            }
        } finally {
            if (next != null) {
                try {
                    Files.deleteIfExists(next);
                } catch (IOException e) {
                    log.debug("Could not delete the unfinished rewrite {} ({}); it is deleted when the store opens", next,
                            e.toString());
                }
            }
            target.ended(this, swapped);
            stopped.countDown();
        }
    }

    /** Applies the log's batches before {@link #upTo}; false if the log was closed meanwhile. */
    private boolean fold(FileChannel source, Map<Bytes, byte[]> entries, Map<TopicPartition, Long> offsets)
            throws IOException {
        // Not closed: that would close the source, which is read again afterwards.
        DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(source), 1 << 16));
        long at = 0;
        while (at < upTo) {
            if (target.isClosed()) {
                return false;
            }
            byte[] payload = StoreLog.readBatch(in);
            if (payload == null) {
                throw new IOException("the batches end at " + at + ", before " + upTo);
            }
            StoreLog.apply(payload, entries, offsets);
            at += 8 + payload.length;
        }
        return true;
    }

    /**
     * Writes the image as a batch's payload after room for its header; returns the payload's length.
     * {@code crc} is the payload's checksum then.
     */
    private static long writeImage(FileChannel out, Map<Bytes, byte[]> entries, Map<TopicPartition, Long> offsets,
                                   CRC32C crc) throws IOException {
        out.position(8);
        // Not closed: that would close the file, which is written again afterwards.
        DataOutputStream data = new DataOutputStream(new BufferedOutputStream(
                new CheckedOutputStream(Channels.newOutputStream(out), crc), 1 << 16));
        // An empty offsets map would mean "clear" in a batch; with nothing committed yet write none.
        StoreLog.writePayload(data, entries, offsets.isEmpty() ? null : offsets);
        data.flush();
        long length = out.position() - 8;
        if (length > Integer.MAX_VALUE) {
            throw new IOException("the image is " + length + " bytes, more than a batch can hold");
        }
        return length;
    }

    /** Writes the header at the start, which makes the image a whole batch, and syncs the file. */
    private static void seal(FileChannel out, long length, CRC32C crc) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(8).putInt((int) length).putInt((int) crc.getValue()).flip();
        while (header.hasRemaining()) {
            out.write(header, header.position()); // the header's bytes go to the same offsets in the file
        }
        out.force(true);
    }

    /** Copies the batches appended since the start until few are left; returns where the copy ends in the log. */
    private long catchUp(FileChannel source, FileChannel out) throws IOException {
        long copied = upTo;
        for (int round = 0; round < CATCH_UP_ROUNDS && !target.isClosed(); round++) {
            long end = target.size();
            if (end - copied < CAUGHT_UP_WITHIN) {
                break;
            }
            StoreLog.transfer(source, copied, end, out);
            copied = end;
        }
        return copied;
    }

    void awaitStopped() {
        try {
            if (!stopped.await(30, TimeUnit.SECONDS)) {
                log.warn("The rewrite of {} did not stop within 30 s of its store closing", file);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
