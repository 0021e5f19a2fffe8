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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;

/**
 * One compaction of a {@link StoreLog}, off the stream thread. It folds the log's batches up to where
 * the log ended when the rewrite started into one image, writes it as a single batch to a new file
 * (the header last, then synced), copies the batches appended meanwhile after it, and asks the log
 * to rename the new file over itself, under the log's lock with the few last appends. Until that
 * rename the log is the old file, whole; after it, the new one holds the same batches' result. A
 * process killed at any point therefore opens one or the other, and the new file is never read under
 * its own name (opening a log deletes it). Closing the log stops a rewrite where it is: the new file
 * is deleted by the close, and the rewrite checks the log at each step (and while it writes the
 * image) and stops there.
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
                Map<Bytes, Slot> entries = new HashMap<>();
                Map<TopicPartition, Long> offsets = new HashMap<>();
                if (!fold(source, entries, offsets)) {
                    return;
                }
                next = target.createRewriteFile(this);
                if (next == null) {
                    return;
                }
                FileChannel out = FileChannel.open(next, StandardOpenOption.WRITE);
                try {
                    steps.reached(RewriteSteps.Step.CREATED);
                    CRC32C crc = new CRC32C();
                    long imageBytes = writeImage(out, source, entries, offsets, crc, target);
                    int count = entries.size();
                    entries = null; // garbage from here on: the rest may take a while
                    steps.reached(RewriteSteps.Step.WRITTEN);
                    if (target.isClosed()) {
                        return; // its file is deleted: no sync
                    }
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
                StoreLog.deleteUnfinishedRewrite(next);
            }
            target.ended(this, swapped);
        }
    }

    /** Where the latest value of a key is in the log's file: the values stay there until they are written. */
    private record Slot(long position, int length) {
    }

    /**
     * Reads the log's batches before {@link #upTo} into where each key's latest value is, and the
     * offsets; false if the log was closed meanwhile. The values are not kept: a second copy of a large
     * store's values on the heap, alive for the whole rewrite, made the collector's pauses longer.
     */
    private boolean fold(FileChannel source, Map<Bytes, Slot> entries, Map<TopicPartition, Long> offsets)
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
            index(payload, at + 8, entries, offsets);
            at += 8 + payload.length;
        }
        return true;
    }

    // StoreLog.apply, keeping where each value is ({@code payloadAt}: the payload's position in the file).
    private static void index(byte[] payload, long payloadAt, Map<Bytes, Slot> entries,
                              Map<TopicPartition, Long> offsets) throws IOException {
        StoreLog.walk(payload, (key, valueAt, valueLength) -> {
            if (valueLength < 0) {
                entries.remove(key);
            } else {
                entries.put(key, new Slot(payloadAt + valueAt, valueLength));
            }
        }, offsets);
    }

    /**
     * Writes the image as a batch's payload after room for its header, the values read from the log's
     * file in the order they are there; returns the payload's length. {@code crc} is the payload's
     * checksum then.
     */
    private static long writeImage(FileChannel out, FileChannel source, Map<Bytes, Slot> entries,
                                   Map<TopicPartition, Long> offsets, CRC32C crc, StoreLog target) throws IOException {
        List<Map.Entry<Bytes, Slot>> inFileOrder = new ArrayList<>(entries.entrySet());
        inFileOrder.sort(Comparator.comparingLong(entry -> entry.getValue().position()));
        out.position(8);
        // Not closed: that would close the file, which is written again afterwards.
        DataOutputStream data = new DataOutputStream(new BufferedOutputStream(
                new CheckedOutputStream(Channels.newOutputStream(out), crc), 1 << 16));
        ValueReader values = new ValueReader(source);
        data.writeInt(inFileOrder.size());
        int written = 0;
        for (Map.Entry<Bytes, Slot> entry : inFileOrder) {
            // A closed log's rewrite writes into a deleted file: stop instead of copying the rest.
            if (++written % 4096 == 0 && target.isClosed()) {
                throw new IOException("the log was closed");
            }
            byte[] key = entry.getKey().get();
            data.writeInt(key.length);
            data.write(key);
            data.writeInt(entry.getValue().length());
            values.copy(entry.getValue(), data);
        }
        // An empty offsets map would mean "clear" in a batch; with nothing committed yet write none.
        StoreLog.writeOffsets(data, offsets.isEmpty() ? null : offsets);
        data.flush();
        long length = out.position() - 8;
        if (length > Integer.MAX_VALUE) {
            throw new IOException("the image is " + length + " bytes, more than a batch can hold");
        }
        return length;
    }

    /** Reads values from the log's file through a window that moves forward (they are read in file order). */
    private static final class ValueReader {
        private final FileChannel source;
        private final ByteBuffer window = ByteBuffer.allocate(1 << 20);
        private long windowAt = -1;

        ValueReader(FileChannel source) {
            this.source = source;
            window.limit(0);
        }

        void copy(Slot slot, DataOutputStream out) throws IOException {
            if (slot.length() > window.capacity()) {
                ByteBuffer value = ByteBuffer.allocate(slot.length());
                readFully(value, slot.position());
                out.write(value.array());
                return;
            }
            if (windowAt < 0 || slot.position() < windowAt || slot.position() + slot.length() > windowAt + window.limit()) {
                window.clear();
                windowAt = slot.position();
                readFully(window, windowAt, slot.length());
            }
            out.write(window.array(), (int) (slot.position() - windowAt), slot.length());
        }

        private void readFully(ByteBuffer into, long at) throws IOException {
            readFully(into, at, into.remaining());
        }

        // Reads from {@code at} until at least {@code atLeast} bytes are in, or the buffer is full.
        private void readFully(ByteBuffer into, long at, int atLeast) throws IOException {
            int read = 0;
            while (read < atLeast && into.hasRemaining()) {
                int n = source.read(into, at + read);
                if (n < 0) {
                    throw new IOException("the state file ends at " + (at + read) + ", inside a value");
                }
                read += n;
            }
            into.flip();
        }
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
}
