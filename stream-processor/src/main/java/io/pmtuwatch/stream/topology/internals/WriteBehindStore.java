package io.pmtuwatch.stream.topology.internals;

import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.internals.InternalProcessorContext;
import org.apache.kafka.streams.processor.internals.ProcessorRecordContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A key-value store layer, outside Streams' own layers, that keeps the processor's writes as objects
 * until the task commits, and then writes the last value of each changed key to the store below
 * (serde, changelog, store): a key written with every record (run assembly's runs) costs one encoding
 * and one changelog record per commit, and none for the puts in between.
 *
 * <p>The hook is Streams' cache flush. Kafka Streams 4.3 commits a task as: flush the caches of its
 * stores (this layer writes here), flush the record collector (changelog records included), commit
 * the transaction (exactly-once) or the consumer offsets (at-least-once), then commit the stores.
 * It does so at every commit, before a rebalance hands the task over, and when it closes the task
 * clean, so the changelog and the store hold every committed write. Writes not yet flushed are
 * dropped when the store closes or is initialised again (a task closed dirty and revived): they
 * belonged to records whose offsets were never committed. The flush is {@code CachedStateStore}'s,
 * an interface of Streams' internals: check it with each Kafka Streams upgrade
 * ({@code RunsChangelogTopologyTest} and {@code RestartAfterKillTest} fail if it is no longer called).
 *
 * <p>Each write goes below with the record context of its put, as Streams' own cache does: its
 * changelog record carries the timestamp of the record (or punctuation) that made the write, the
 * same whether the write is logged at once or at a later commit, and not the timestamp of whichever
 * record the task happened to process last before the commit (another path's, maybe much older or
 * newer in event time; the changelog's time-based settings, such as {@code max.compaction.lag.ms}
 * and {@code segment.ms}, go by these timestamps).
 *
 * <p>A value is written as it is at the commit: an object changed in place after its put is written
 * with its changes (run assembly does not do that: {@link OpenRuns} hands out copies). Reads see the
 * pending writes; an iterator first writes them below. Queries (IQv2) see only what was written below.
 * Stream thread only: no query serves this store.
 */
public final class WriteBehindStore<K, V> extends WrappedStateStore<KeyValueStore<K, V>, K, V>
        implements KeyValueStore<K, V> {

    /** Pending writes; a null value is a delete. */
    private final Map<K, Pending<V>> pending = new HashMap<>();
    // Streams' context, whose record context each write is made with; null under a context of another kind (tests).
    private InternalProcessorContext<?, ?> recordContexts;

    /** A write not yet made below: the value and the record context of its put. */
    private static final class Pending<V> {
        V value;
        ProcessorRecordContext context;

        Pending(V value, ProcessorRecordContext context) {
            this.value = value;
            this.context = context;
        }
    }

    private WriteBehindStore(KeyValueStore<K, V> below) {
        super(below);
    }

    /** The store {@code below} builds, with this layer on top. */
    public static <K, V> StoreBuilder<KeyValueStore<K, V>> builder(StoreBuilder<KeyValueStore<K, V>> below) {
        return new Builder<>(below);
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        pending.clear();
        recordContexts = context instanceof InternalProcessorContext<?, ?> internal ? internal : null;
        super.init(context, root);
    }

    @Override
    public void put(K key, V value) {
        if (key == null) {
            throw new NullPointerException("key cannot be null");
        }
        ProcessorRecordContext context = recordContexts == null ? null : recordContexts.recordContext();
        Pending<V> write = pending.get(key);
        if (write == null) {
            pending.put(key, new Pending<>(value, context));
        } else {
            write.value = value;
            write.context = context;
        }
    }

    @Override
    public V putIfAbsent(K key, V value) {
        V current = get(key);
        if (current == null) {
            put(key, value);
        }
        return current;
    }

    @Override
    public void putAll(List<KeyValue<K, V>> entries) {
        for (KeyValue<K, V> entry : entries) {
            put(entry.key, entry.value);
        }
    }

    @Override
    public V delete(K key) {
        V current = get(key);
        put(key, null);
        return current;
    }

    @Override
    public V get(K key) {
        Pending<V> write = pending.get(key);
        return write != null ? write.value : wrapped().get(key);
    }

    @Override
    public KeyValueIterator<K, V> range(K from, K to) {
        writePending();
        return wrapped().range(from, to);
    }

    @Override
    public KeyValueIterator<K, V> reverseRange(K from, K to) {
        writePending();
        return wrapped().reverseRange(from, to);
    }

    @Override
    public KeyValueIterator<K, V> all() {
        writePending();
        return wrapped().all();
    }

    @Override
    public KeyValueIterator<K, V> reverseAll() {
        writePending();
        return wrapped().reverseAll();
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<K, V> prefixScan(P prefix, PS prefixKeySerializer) {
        writePending();
        return wrapped().prefixScan(prefix, prefixKeySerializer);
    }

    /** The store below's estimate: pending writes are not counted. */
    @Override
    public long approximateNumEntries() {
        return wrapped().approximateNumEntries();
    }

    /** Called by Streams at the start of each commit, before the changelog records are flushed. */
    @Override
    public void flushCache() {
        writePending();
        super.flushCache();
    }

    @Override
    public void clearCache() {
        pending.clear();
        super.clearCache();
    }

    @Override
    public void close() {
        pending.clear();
        super.close();
    }

    private void writePending() {
        if (pending.isEmpty()) {
            return;
        }
        ProcessorRecordContext current = recordContexts == null ? null : recordContexts.recordContext();
        try {
            KeyValueStore<K, V> below = wrapped();
            for (Map.Entry<K, Pending<V>> entry : pending.entrySet()) {
                Pending<V> write = entry.getValue();
                if (recordContexts != null) {
                    // A write put without a record context gets the one current now, not the previous write's.
                    recordContexts.setRecordContext(write.context != null ? write.context : current);
                }
                if (write.value == null) {
                    below.delete(entry.getKey());
                } else {
                    below.put(entry.getKey(), write.value);
                }
            }
        } finally {
            pending.clear();
            if (recordContexts != null) {
                recordContexts.setRecordContext(current);
            }
        }
    }

    private record Builder<K, V>(StoreBuilder<KeyValueStore<K, V>> below) implements StoreBuilder<KeyValueStore<K, V>> {

        @Override
        public StoreBuilder<KeyValueStore<K, V>> withCachingEnabled() {
            below.withCachingEnabled();
            return this;
        }

        @Override
        public StoreBuilder<KeyValueStore<K, V>> withCachingDisabled() {
            below.withCachingDisabled();
            return this;
        }

        @Override
        public StoreBuilder<KeyValueStore<K, V>> withLoggingEnabled(Map<String, String> config) {
            below.withLoggingEnabled(config);
            return this;
        }

        @Override
        public StoreBuilder<KeyValueStore<K, V>> withLoggingDisabled() {
            below.withLoggingDisabled();
            return this;
        }

        @Override
        public KeyValueStore<K, V> build() {
            return new WriteBehindStore<>(below.build());
        }

        @Override
        public Map<String, String> logConfig() {
            return below.logConfig();
        }

        @Override
        public boolean loggingEnabled() {
            return below.loggingEnabled();
        }

        @Override
        public String name() {
            return below.name();
        }
    }
}
