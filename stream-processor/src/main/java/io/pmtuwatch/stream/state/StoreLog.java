package io.pmtuwatch.stream.state;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Bytes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.zip.CRC32C;

/**
 * The durable image of one store: a file of batches, each a set of key changes plus an optional
 * change of the committed changelog offsets, written whole with a checksum. Loading applies the
 * batches in order and stops at the first one that is incomplete or damaged (a process killed in
 * the middle of an append leaves such a tail), so what is loaded is always a prefix of the batches
 * written, and every prefix is a state the store really had after one of its commits.
 *
 * <p>Appends are not synced: a killed process loses nothing the kernel already has. The file is
 * compacted by a {@link StoreLogRewrite} on a thread of its own while appends go on (rewriting a
 * large file on the stream thread held up its commits for up to a second): the new file is never
 * read under its own name, and it replaces the log, by a rename, only once it holds the whole image
 * (synced) and every batch appended meanwhile.
 */
final class StoreLog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StoreLog.class);

    static final String FILE = "committed.log";
    /** How a rewrite's file is named until it replaces the log; opening a log deletes any such file. */
    static final String REWRITE_PREFIX = "committed.log.new";

    private static final byte OFFSETS_UNCHANGED = 0;
    private static final byte OFFSETS_CLEARED = 1;
    private static final byte OFFSETS_UPDATED = 2;

    // One thread for the rewrites of every store in the JVM: at most one image is being folded in
    // memory at a time, and the rewrites take at most one core from the stream threads.
    private static final ExecutorService REWRITES = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "store-log-rewrite");
        thread.setDaemon(true);
        return thread;
    });

    private final Path file;
    private final Image loaded;
    private final Executor rewrites;
    private final RewriteSteps steps;
    // Guards the file appended to: the channel, its end, closing, and the swap to a rewritten file.
    private final Object lock = new Object();
    private FileChannel channel;
    // Every batch before it is whole: what a rewrite may copy without the lock.
    private volatile long end;
    private volatile boolean closed;
    private StoreLogRewrite rewrite;
    // The running rewrite's new file, once created: closing the log deletes it.
    private Path rewriteFile;
    // After a failed rewrite, no other before the file has grown this large (a full disk would fail every one).
    private long noRewriteBefore;

    /** What a store held when its log was opened. */
    record Image(NavigableMap<Bytes, byte[]> entries, Map<TopicPartition, Long> offsets, long bytes) {
    }

    private StoreLog(Path file, FileChannel channel, Image loaded, Executor rewrites, RewriteSteps steps) {
        this.file = file;
        this.channel = channel;
        this.loaded = loaded;
        this.end = loaded.bytes();
        this.rewrites = rewrites;
        this.steps = steps;
    }

    /** Opens (creating) the log in {@code dir}, loads its image, and cuts off a damaged tail so appends follow good data. */
    static StoreLog open(Path dir) throws IOException {
        return open(dir, REWRITES, RewriteSteps.NONE);
    }

    /** As {@link #open(Path)}, with rewrites run by {@code rewrites} and their steps told to {@code steps}. */
    static StoreLog open(Path dir, Executor rewrites, RewriteSteps steps) throws IOException {
        Files.createDirectories(dir);
        deleteUnfinishedRewrites(dir); // a rewrite the process did not finish: the log itself is whole
        Path file = dir.resolve(FILE);
        NavigableMap<Bytes, byte[]> entries = new TreeMap<>();
        Map<TopicPartition, Long> offsets = new HashMap<>();
        long good = 0;
        if (Files.exists(file)) {
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
                byte[] payload;
                while ((payload = readBatch(in)) != null) {
                    apply(payload, entries, offsets);
                    good += 8 + payload.length;
                }
            }
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        channel.truncate(good);
        channel.position(good);
        return new StoreLog(file, channel, new Image(entries, offsets, good), rewrites, steps);
    }

    private static void deleteUnfinishedRewrites(Path dir) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, REWRITE_PREFIX + "*")) {
            for (Path unfinished : files) {
                Files.deleteIfExists(unfinished);
            }
        }
    }

    /**
     * Appends one batch: {@code changes} (a null value deletes the key) and, unless {@code offsets} is
     * null, an offsets change with the meaning of {@code StateStore.commit}: empty clears all, a null
     * value removes that partition.
     */
    void append(Map<Bytes, byte[]> changes, Map<TopicPartition, Long> offsets) throws IOException {
        byte[] batch = encode(changes, offsets);
        synchronized (lock) {
            if (closed) {
                throw new IOException("the log " + file + " is closed");
            }
            writeFully(channel, ByteBuffer.wrap(batch));
            end += batch.length;
        }
    }

    /**
     * Starts compacting the file into one batch of what it holds, on the rewrite thread; appends go on
     * meanwhile and are carried over. Does nothing while a rewrite of this log is queued or running.
     * Returns whether one was started.
     */
    boolean rewriteInBackground() {
        StoreLogRewrite next;
        synchronized (lock) {
            if (closed || rewrite != null || end < noRewriteBefore) {
                return false;
            }
            next = new StoreLogRewrite(this, file, end, steps);
            rewrite = next;
        }
        try {
            rewrites.execute(next);
            return true;
        } catch (RejectedExecutionException e) {
            synchronized (lock) {
                rewrite = null;
            }
            return false;
        }
    }

    /** The size of the good part of the file: every batch before it is whole. */
    long size() {
        return end;
    }

    /** What the file held when it was opened. */
    Image loaded() {
        return loaded;
    }

    boolean isClosed() {
        return closed;
    }

    // --- the rewrite's side (StoreLogRewrite) -------------------------------------------------------

    /** Whether {@code starting} may run: false once the log is closed (then it must leave no trace). */
    boolean begin(StoreLogRewrite starting) {
        synchronized (lock) {
            if (closed || rewrite != starting) {
                return false;
            }
            starting.started = true;
            return true;
        }
    }

    /**
     * Creates the new file of {@code running}, with the log's permissions (a temporary file's are
     * owner-only) plus owner read and write, which the rewrite needs; deleted again if the mode cannot
     * be set. Null, creating nothing, once the log is closed: nothing is created in the store's
     * directory after it closes (Kafka Streams may delete or reopen it then).
     */
    Path createRewriteFile(StoreLogRewrite running) throws IOException {
        synchronized (lock) {
            if (closed || rewrite != running) {
                return null;
            }
            Path next = Files.createTempFile(file.getParent(), REWRITE_PREFIX + "-", "");
            try {
                Set<PosixFilePermission> mode = EnumSet.noneOf(PosixFilePermission.class);
                mode.addAll(Files.getPosixFilePermissions(file));
                // The rewrite opens the file to write it: a mode without owner write would fail it every time.
                mode.add(PosixFilePermission.OWNER_READ);
                mode.add(PosixFilePermission.OWNER_WRITE);
                Files.setPosixFilePermissions(next, mode);
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: no mode to keep.
            } catch (IOException | RuntimeException e) {
                try {
                    Files.deleteIfExists(next);
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
            rewriteFile = next;
            return next;
        }
    }

    /**
     * Copies the batches appended since {@code copied} from {@code source} (the log's file) into
     * {@code next}, which holds the image as of {@code copied}, and renames {@code next} over the log;
     * appends then go to it. Done under the lock, so no append falls between the copy and the rename.
     * Returns false, changing nothing, if the log was closed meanwhile.
     */
    boolean swap(FileChannel source, long copied, FileChannel next, Path nextPath) throws IOException {
        synchronized (lock) {
            if (closed) {
                return false;
            }
            transfer(source, copied, end, next);
            Files.move(nextPath, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            rewriteFile = null;
            FileChannel old = channel;
            channel = next;
            end = next.position();
            try {
                old.close();
            } catch (IOException e) {
                log.warn("Closing the replaced state file {} failed ({})", file, e.toString());
            }
            return true;
        }
    }

    void ended(StoreLogRewrite finished, boolean swapped) {
        synchronized (lock) {
            if (rewrite == finished) {
                rewrite = null;
                rewriteFile = null;
                if (!swapped) {
                    noRewriteBefore = 2 * end;
                }
            }
        }
    }

    /** Copies {@code [from, to)} of {@code source} to {@code target}'s position. */
    static void transfer(FileChannel source, long from, long to, FileChannel target) throws IOException {
        long at = from;
        while (at < to) {
            long n = source.transferTo(at, to - at, target);
            if (n <= 0) {
                throw new EOFException("the state file ends at " + at + ", before " + to);
            }
            at += n;
        }
    }

    /**
     * Closes the log at once, also while a rewrite runs: a rewrite not yet started never starts, a
     * running one can no longer rename its file over the log (its swap checks, under the lock) and its
     * file is deleted here; it stops at its next check, writing meanwhile only into that deleted file.
     * Nothing in the directory changes after this returns, and a process killed at any point leaves
     * the log whole (a new file left by a kill is deleted when the log opens).
     */
    @Override
    public void close() throws IOException {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            channel.close();
            if (rewriteFile != null) {
                deleteUnfinishedRewrite(rewriteFile);
                rewriteFile = null;
            }
        }
    }

    /** Deletes a rewrite's file that will not be finished; one left behind is deleted when the store opens. */
    static void deleteUnfinishedRewrite(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.debug("Could not delete the unfinished rewrite {} ({}); it is deleted when the store opens", file,
                    e.toString());
        }
    }

    // --- the format ---------------------------------------------------------------------------------

    // A batch on disk: payload length, CRC32C of the payload, payload.
    private static byte[] encode(Map<Bytes, byte[]> changes, Map<TopicPartition, Long> offsets) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0);
        out.writeInt(0);
        writePayload(out, changes, offsets);
        out.flush();
        byte[] batch = bytes.toByteArray();
        CRC32C crc = new CRC32C();
        crc.update(batch, 8, batch.length - 8);
        ByteBuffer.wrap(batch).putInt(batch.length - 8).putInt((int) crc.getValue());
        return batch;
    }

    /** A batch's payload: the changes, then the offsets change (none when {@code offsets} is null). */
    static void writePayload(DataOutputStream out, Map<Bytes, byte[]> changes, Map<TopicPartition, Long> offsets)
            throws IOException {
        out.writeInt(changes.size());
        for (Map.Entry<Bytes, byte[]> change : changes.entrySet()) {
            byte[] key = change.getKey().get();
            out.writeInt(key.length);
            out.write(key);
            byte[] value = change.getValue();
            out.writeInt(value == null ? -1 : value.length);
            if (value != null) {
                out.write(value);
            }
        }
        writeOffsets(out, offsets);
    }

    /** The end of a batch's payload: its offsets change (none when {@code offsets} is null). */
    static void writeOffsets(DataOutputStream out, Map<TopicPartition, Long> offsets) throws IOException {
        if (offsets == null) {
            out.writeByte(OFFSETS_UNCHANGED);
        } else if (offsets.isEmpty()) {
            out.writeByte(OFFSETS_CLEARED);
        } else {
            out.writeByte(OFFSETS_UPDATED);
            out.writeInt(offsets.size());
            for (Map.Entry<TopicPartition, Long> offset : offsets.entrySet()) {
                byte[] topic = offset.getKey().topic().getBytes(StandardCharsets.UTF_8);
                out.writeInt(topic.length);
                out.write(topic);
                out.writeInt(offset.getKey().partition());
                out.writeBoolean(offset.getValue() != null);
                out.writeLong(offset.getValue() == null ? 0 : offset.getValue());
            }
        }
    }

    /** The next whole, intact batch's payload, or null at the end of the good part of the file. */
    static byte[] readBatch(DataInputStream in) throws IOException {
        int length;
        int checksum;
        try {
            length = in.readInt();
            checksum = in.readInt();
        } catch (EOFException e) {
            return null;
        }
        if (length < 5) {
            return null;
        }
        byte[] payload = readFully(in, length);
        if (payload == null) {
            return null;
        }
        CRC32C crc = new CRC32C();
        crc.update(payload);
        return (int) crc.getValue() == checksum ? payload : null;
    }

    private static byte[] readFully(InputStream in, int length) throws IOException {
        byte[] out = new byte[length];
        int read = 0;
        while (read < length) {
            int n = in.read(out, read, length - read);
            if (n < 0) {
                return null;
            }
            read += n;
        }
        return out;
    }

    static void apply(byte[] payload, Map<Bytes, byte[]> entries, Map<TopicPartition, Long> offsets) throws IOException {
        walk(payload, (key, valueAt, valueLength) -> {
            if (valueLength < 0) {
                entries.remove(key);
            } else {
                entries.put(key, Arrays.copyOfRange(payload, valueAt, valueAt + valueLength));
            }
        }, offsets);
    }

    /** One change of a batch: {@code valueLength} -1 is a delete, else the value is at {@code valueAt} in the payload. */
    @FunctionalInterface
    interface Change {
        void accept(Bytes key, int valueAt, int valueLength) throws IOException;
    }

    /** The one reader of a batch's layout: its changes in order, then the offsets change that ends it. */
    static void walk(byte[] payload, Change change, Map<TopicPartition, Long> offsets) throws IOException {
        ByteArrayInputStream bytes = new ByteArrayInputStream(payload);
        DataInputStream in = new DataInputStream(bytes);
        int changes = in.readInt();
        for (int i = 0; i < changes; i++) {
            Bytes key = Bytes.wrap(in.readNBytes(in.readInt()));
            int valueLength = in.readInt();
            if (valueLength < 0) {
                change.accept(key, -1, -1);
            } else {
                int valueAt = payload.length - bytes.available();
                in.skipNBytes(valueLength);
                change.accept(key, valueAt, valueLength);
            }
        }
        readOffsets(in, offsets);
    }

    /** Applies the offsets change that ends a batch's payload. */
    static void readOffsets(DataInputStream in, Map<TopicPartition, Long> offsets) throws IOException {
        byte mode = in.readByte();
        if (mode == OFFSETS_CLEARED) {
            offsets.clear();
        } else if (mode == OFFSETS_UPDATED) {
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                String topic = new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8);
                TopicPartition partition = new TopicPartition(topic, in.readInt());
                boolean present = in.readBoolean();
                long offset = in.readLong();
                if (present) {
                    offsets.put(partition, offset);
                } else {
                    offsets.remove(partition);
                }
            }
        }
    }

    static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }
}
