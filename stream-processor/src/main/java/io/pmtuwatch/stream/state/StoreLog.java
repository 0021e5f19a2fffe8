package io.pmtuwatch.stream.state;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Bytes;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * The durable image of one store: a file of batches, each a set of key changes plus an optional
 * change of the committed changelog offsets, written whole with a checksum. Loading applies the
 * batches in order and stops at the first one that is incomplete or damaged (a process killed in
 * the middle of an append leaves such a tail), so what is loaded is always a prefix of the batches
 * written, and every prefix is a state the store really had after one of its commits.
 *
 * <p>Appends are not synced: a killed process loses nothing the kernel already has. Only the
 * rewrite (compaction) syncs, because it replaces the file.
 */
final class StoreLog implements AutoCloseable {

    static final String FILE = "committed.log";
    private static final String REWRITE = "committed.log.new";

    private static final byte OFFSETS_UNCHANGED = 0;
    private static final byte OFFSETS_CLEARED = 1;
    private static final byte OFFSETS_UPDATED = 2;

    private final Path file;
    private final Image loaded;
    private FileChannel channel;

    /** What a store held when its log was opened. */
    record Image(NavigableMap<Bytes, byte[]> entries, Map<TopicPartition, Long> offsets, long bytes) {
    }

    private StoreLog(Path file, FileChannel channel, Image loaded) {
        this.file = file;
        this.channel = channel;
        this.loaded = loaded;
    }

    /** Opens (creating) the log in {@code dir}, loads its image, and cuts off a damaged tail so appends follow good data. */
    static StoreLog open(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.deleteIfExists(dir.resolve(REWRITE)); // a rewrite the process did not finish: the old file is whole
        Path file = dir.resolve(FILE);
        NavigableMap<Bytes, byte[]> entries = new TreeMap<>();
        Map<TopicPartition, Long> offsets = new HashMap<>();
        long good = 0;
        if (Files.exists(file)) {
            try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
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
        return new StoreLog(file, channel, new Image(entries, offsets, good));
    }

    /**
     * Appends one batch: {@code changes} (a null value deletes the key) and, unless {@code offsets} is
     * null, an offsets change with the meaning of {@code StateStore.commit}: empty clears all, a null
     * value removes that partition.
     */
    void append(Map<Bytes, byte[]> changes, Map<TopicPartition, Long> offsets) throws IOException {
        byte[] batch = encode(changes, offsets);
        ByteBuffer buffer = ByteBuffer.wrap(batch);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** Replaces the file with one batch holding {@code entries} and {@code offsets}; synced, then renamed over the old one. */
    void rewrite(NavigableMap<Bytes, byte[]> entries, Map<TopicPartition, Long> offsets) throws IOException {
        Path next = file.resolveSibling(REWRITE);
        try (FileChannel out = FileChannel.open(next, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            // An empty offsets map would mean "clear" in a batch; with nothing committed yet write none.
            ByteBuffer buffer = ByteBuffer.wrap(encode(entries, offsets.isEmpty() ? null : offsets));
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(true);
        }
        channel.close();
        Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        channel = FileChannel.open(file, StandardOpenOption.WRITE);
        channel.position(channel.size());
    }

    /** What the file held when it was opened. */
    Image loaded() {
        return loaded;
    }

    long size() throws IOException {
        return channel.size();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    // A batch on disk: payload length, CRC32C of the payload, payload.
    private static byte[] encode(Map<Bytes, byte[]> changes, Map<TopicPartition, Long> offsets) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0);
        out.writeInt(0);
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
        out.flush();
        byte[] batch = bytes.toByteArray();
        CRC32C crc = new CRC32C();
        crc.update(batch, 8, batch.length - 8);
        ByteBuffer.wrap(batch).putInt(batch.length - 8).putInt((int) crc.getValue());
        return batch;
    }

    /** The next whole, intact batch's payload, or null at the end of the good part of the file. */
    private static byte[] readBatch(DataInputStream in) throws IOException {
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

    private static void apply(byte[] payload, NavigableMap<Bytes, byte[]> entries, Map<TopicPartition, Long> offsets)
            throws IOException {
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(payload));
        int changes = in.readInt();
        for (int i = 0; i < changes; i++) {
            Bytes key = Bytes.wrap(in.readNBytes(in.readInt()));
            int valueLength = in.readInt();
            if (valueLength < 0) {
                entries.remove(key);
            } else {
                entries.put(key, in.readNBytes(valueLength));
            }
        }
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
}
