package io.pmtuwatch.stream.topology.internals;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A time-ordered index over a state store: key = 8-byte big-endian deadline followed by the indexed
 * key, so the store's byte order is deadline order. Finding what is due is a range scan that stops
 * at the first future deadline: its cost is the number of due entries, not the number of entries.
 */
public final class DeadlineIndex {

    private static final byte[] EMPTY = new byte[0];

    private final KeyValueStore<Bytes, byte[]> store;

    public DeadlineIndex(KeyValueStore<Bytes, byte[]> store) {
        this.store = store;
    }

    public void put(long deadlineMs, String key) {
        store.put(entry(deadlineMs, key), EMPTY);
    }

    public void delete(long deadlineMs, String key) {
        store.delete(entry(deadlineMs, key));
    }

    /** Entries due at or before {@code nowMs}, oldest first, at most {@code limit}. */
    public List<Due> due(long nowMs, int limit) {
        List<Due> out = new ArrayList<>();
        Bytes from = Bytes.wrap(ByteBuffer.allocate(8).putLong(0).array());
        // Exclusive upper bound: every entry of deadline <= now sorts below the bare prefix of now + 1.
        Bytes to = Bytes.wrap(ByteBuffer.allocate(8).putLong(nowMs + 1).array());
        try (KeyValueIterator<Bytes, byte[]> it = store.range(from, to)) {
            while (it.hasNext() && out.size() < limit) {
                KeyValue<Bytes, byte[]> next = it.next();
                if (next.key.equals(to)) {
                    break;
                }
                ByteBuffer key = ByteBuffer.wrap(next.key.get());
                long deadline = key.getLong();
                byte[] rest = new byte[key.remaining()];
                key.get(rest);
                out.add(new Due(deadline, new String(rest, StandardCharsets.UTF_8)));
            }
        }
        return out;
    }

    private static Bytes entry(long deadlineMs, String key) {
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(8 + keyBytes.length).putLong(Math.max(0, deadlineMs)).put(keyBytes).array());
    }

    /** One due entry. */
    public record Due(long deadlineMs, String key) {
    }
}
