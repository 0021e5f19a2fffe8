package io.pmtuwatch.stream.state;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.ProcessorStateException;
import org.apache.kafka.streams.processor.BatchingStateRestoreCallback;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.concurrent.Executor;

/**
 * A key-value store held in memory whose durable image (a {@link StoreLog} in the task's state
 * directory) only ever contains committed writes, together with a changelog offset no later than
 * them. So a restart after {@code kill -9}, under exactly-once too, opens the image and restores
 * only the changelog records after that offset, instead of Kafka Streams wiping the store and
 * replaying the whole changelog.
 *
 * <p>Writes made while processing stay pending until their transaction is known to have committed.
 * Under exactly-once only {@link TransactionOutcomes} says so: the stream thread's producer reports
 * each commit, and {@link #commit(Map)} keeps a write made after the last one pending, with the
 * offset, because Kafka Streams also commits the stores of a task it closes dirty, before it aborts
 * the transaction (see {@link #commit(Map)}). Where no producer reports (at-least-once; a test
 * driver's own producer) {@link #commit(Map)} is the signal: Streams calls it after the consumer's
 * offsets, or the driver's transaction, committed. Pending writes are dropped when the store closes
 * (a dirty close, after which Streams wipes the task's state under exactly-once anyway) and can no
 * longer become durable once a transaction failed (until it is closed and opened again). Restored
 * records come from the changelog, committed by definition, and become durable at once. The image
 * may hold data newer than its offset; replaying the changelog from that offset rewrites those keys
 * with the same values, so the restored state is the same.
 *
 * <p>A commit only appends to the file. When the file has grown past twice what the store holds it is
 * compacted on the rewrite thread, from the file itself, while commits go on ({@link StoreLogRewrite}).
 */
public class CommitAlignedStore implements KeyValueStore<Bytes, byte[]>, TransactionOutcomes.Listener {

    private static final Logger log = LoggerFactory.getLogger(CommitAlignedStore.class);
    // Rewrite the file when it is this large and more than twice what the store holds.
    private static final long REWRITE_AFTER_BYTES = 1 << 20;

    private final String name;
    private final long rewriteAfterBytes;
    private final Executor rewrites;
    private final RewriteSteps rewriteSteps;
    private final NavigableMap<Bytes, byte[]> map = new TreeMap<>();
    // Writes not yet durable, in order, a null value being a delete.
    private final Map<Bytes, byte[]> pending = new LinkedHashMap<>();
    private final Map<TopicPartition, Long> offsets = new HashMap<>();
    private final Position position = Position.emptyPosition();
    private StateStoreContext context;
    private TopicPartition changelog;
    private StoreLog storeLog;
    private long liveBytes;
    private boolean open;
    // A transaction this store wrote in failed, or the file could not be written: nothing more becomes durable.
    private boolean tainted;
    private TransactionOutcomes.ThreadListeners listening;

    public CommitAlignedStore(String name) {
        this(name, REWRITE_AFTER_BYTES, null, RewriteSteps.NONE);
    }

    /** With {@code rewrites} running the file's rewrites (null: the JVM's rewrite thread), for tests. */
    CommitAlignedStore(String name, long rewriteAfterBytes, Executor rewrites, RewriteSteps rewriteSteps) {
        this.name = name;
        this.rewriteAfterBytes = rewriteAfterBytes;
        this.rewrites = rewrites;
        this.rewriteSteps = rewriteSteps;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized void init(StateStoreContext stateStoreContext, StateStore root) {
        this.context = stateStoreContext;
        // Streams' naming of a changelog (ProcessorStateManager.storeChangelogTopic, no named topology).
        this.changelog = new TopicPartition(stateStoreContext.applicationId() + "-" + name + "-changelog",
                stateStoreContext.taskId().partition());
        Path dir = stateStoreContext.stateDir().toPath().resolve(name);
        try {
            storeLog = rewrites == null ? StoreLog.open(dir) : StoreLog.open(dir, rewrites, rewriteSteps);
        } catch (IOException e) {
            throw new ProcessorStateException("cannot open the state of store " + name + " in " + dir, e);
        }
        StoreLog.Image image = storeLog.loaded();
        map.putAll(image.entries());
        offsets.putAll(image.offsets());
        liveBytes = 0;
        map.forEach((key, value) -> liveBytes += key.get().length + value.length);
        pending.clear();
        tainted = false;
        open = true;
        stateStoreContext.register(root, (BatchingStateRestoreCallback) this::restoreAll);
        log.debug("Store {} of task {} opened with {} entries, changelog offsets {}", name, stateStoreContext.taskId(),
                map.size(), offsets);
    }

    private synchronized void restoreAll(Collection<KeyValue<byte[], byte[]>> records) {
        for (KeyValue<byte[], byte[]> record : records) {
            write(Bytes.wrap(record.key), record.value);
        }
        persist(null);
    }

    // --- the transaction outcomes -------------------------------------------------------------------

    @Override
    public synchronized void committed(Map<TopicPartition, Long> lastOffsets) {
        Long offset = lastOffsets.get(changelog);
        if (!open || (pending.isEmpty() && offset == null)) {
            return;
        }
        persist(offset == null ? null : Collections.singletonMap(changelog, offset));
    }

    @Override
    public synchronized void failed() {
        if (!pending.isEmpty()) {
            tainted = true;
            pending.clear();
        }
    }

    /**
     * Kafka Streams 4.3 commits a store (ProcessorStateManager.commit, from StreamTask.postCommit) after
     * restoring it, and after a clean commit when it suspends, hands over or closes the task: the
     * transaction committed first, so every write is already here. It also commits the stores where
     * the transaction holding the last writes has not committed: {@code TaskManager.closeDirtyAndRevive}
     * (flush, suspend, commit the stores, then close dirty: abort and wipe) when no commit of the
     * thread's transaction came first (a rebalance in progress) or that commit failed, and a shutdown
     * whose commit failed before the producer's {@code commitTransaction} (a fenced
     * {@code sendOffsetsToTransaction}), which commits every task's stores before it closes them dirty.
     * The offset it passes is the last one the task sent to the changelog, uncommitted records
     * included. So when the writes' thread reports its transactions, a write still pending here is not
     * known to be committed, and nothing is made durable, neither the writes nor the offset: the
     * reported commit of their transaction makes both durable; its abort, or closing the store, drops
     * them. This holds only for a logged store (its changelog in {@code changelogOffsets}): a store
     * with logging disabled writes nothing in the transaction, and Streams' commit is its only signal.
     */
    @Override
    public synchronized void commit(Map<TopicPartition, Long> changelogOffsets) {
        if (!open) {
            return;
        }
        // Only a logged store's writes are in the transaction: an unlogged one (Map.of() here) has no other
        // signal, and its writes, dropped at close, could not be restored.
        if (!pending.isEmpty() && changelogOffsets.containsKey(changelog) && listening != null
                && TransactionOutcomes.reports(listening.thread())) {
            log.debug("Store {} of task {}: committed by Kafka Streams with {} writes of a transaction not (yet) committed;"
                    + " they and the offset {} stay pending", name, context.taskId(), pending.size(), changelogOffsets);
            return;
        }
        persist(new HashMap<>(changelogOffsets));
    }

    @Override
    public synchronized Long committedOffset(TopicPartition partition) {
        return offsets.get(partition);
    }

    @Override
    @SuppressWarnings("deprecation")
    public boolean managesOffsets() {
        return true;
    }

    // Appends the pending writes and the offsets change as one batch.
    private void persist(Map<TopicPartition, Long> offsetChange) {
        if (tainted) {
            return;
        }
        try {
            storeLog.append(pending, offsetChange);
            pending.clear();
            if (offsetChange != null) {
                applyOffsets(offsetChange);
            }
            long size = storeLog.size();
            if (size > rewriteAfterBytes && size > 2 * liveBytes) {
                // On the rewrite thread: the commit goes on, and so do the appends of the next ones.
                storeLog.rewriteInBackground();
            }
        } catch (IOException e) {
            // What was written before is whole (a torn batch is cut off when the file is opened); just stop here.
            tainted = true;
            log.warn("Store {} of task {}: cannot write its state file ({}); a restart will restore more of its changelog",
                    name, context.taskId(), e.toString());
        }
    }

    private void applyOffsets(Map<TopicPartition, Long> change) {
        if (change.isEmpty()) {
            offsets.clear();
            return;
        }
        change.forEach((partition, offset) -> {
            if (offset == null) {
                offsets.remove(partition);
            } else {
                offsets.put(partition, offset);
            }
        });
    }

    // --- writes and reads --------------------------------------------------------------------------

    private void write(Bytes key, byte[] value) {
        byte[] old = value == null ? map.remove(key) : map.put(key, value);
        liveBytes += (value == null ? 0 : key.get().length + value.length) - (old == null ? 0 : key.get().length + old.length);
        pending.put(key, value);
    }

    // A write while processing: pending until the current thread's transaction commits.
    private void writeWhileProcessing(Bytes key, byte[] value) {
        TransactionOutcomes.ThreadListeners current = listening;
        if (current == null || current.thread() != Thread.currentThread() || current.ended()) {
            if (current != null) {
                TransactionOutcomes.stopListening(current, this);
            }
            listening = TransactionOutcomes.listenOnCurrentThread(this);
        }
        write(key, value);
        // A punctuation's writes have no source record (no topic).
        context.recordMetadata().filter(m -> m.topic() != null)
                .ifPresent(m -> position.withComponent(m.topic(), m.partition(), m.offset()));
    }

    @Override
    public synchronized void put(Bytes key, byte[] value) {
        writeWhileProcessing(key, value);
    }

    @Override
    public synchronized byte[] putIfAbsent(Bytes key, byte[] value) {
        byte[] old = map.get(key);
        if (old == null) {
            writeWhileProcessing(key, value);
        }
        return old;
    }

    @Override
    public synchronized void putAll(List<KeyValue<Bytes, byte[]>> entries) {
        for (KeyValue<Bytes, byte[]> entry : entries) {
            writeWhileProcessing(entry.key, entry.value);
        }
    }

    @Override
    public synchronized byte[] delete(Bytes key) {
        byte[] old = map.get(key);
        writeWhileProcessing(key, null);
        return old;
    }

    @Override
    public synchronized byte[] get(Bytes key) {
        return map.get(key);
    }

    @Override
    public synchronized KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
        return iterator(sub(from, to), false);
    }

    @Override
    public synchronized KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
        return iterator(sub(from, to), true);
    }

    @Override
    public synchronized KeyValueIterator<Bytes, byte[]> all() {
        return iterator(map, false);
    }

    @Override
    public synchronized KeyValueIterator<Bytes, byte[]> reverseAll() {
        return iterator(map, true);
    }

    @Override
    public synchronized <PS extends Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(P prefix,
                                                                                                 PS prefixKeySerializer) {
        Bytes from = Bytes.wrap(prefixKeySerializer.serialize(null, prefix));
        Bytes to = Bytes.increment(from);
        return iterator(map.subMap(from, true, to, false), false);
    }

    private NavigableMap<Bytes, byte[]> sub(Bytes from, Bytes to) {
        if (from != null && to != null && from.compareTo(to) > 0) {
            return Collections.emptyNavigableMap();
        }
        NavigableMap<Bytes, byte[]> out = map;
        if (from != null) {
            out = out.tailMap(from, true);
        }
        if (to != null) {
            out = out.headMap(to, true);
        }
        return out;
    }

    // A copy: iterators are read by query threads while the stream thread writes.
    private static KeyValueIterator<Bytes, byte[]> iterator(NavigableMap<Bytes, byte[]> entries, boolean reverse) {
        List<KeyValue<Bytes, byte[]>> copy = new ArrayList<>(entries.size());
        (reverse ? entries.descendingMap() : entries).forEach((k, v) -> copy.add(KeyValue.pair(k, v)));
        return new ListIterator(copy);
    }

    @Override
    public synchronized long approximateNumEntries() {
        return map.size();
    }

    @Override
    public Position getPosition() {
        return position;
    }

    @Override
    public boolean persistent() {
        return true;
    }

    @Override
    public synchronized boolean isOpen() {
        return open;
    }

    @Override
    public synchronized void close() {
        if (!open) {
            return;
        }
        open = false;
        if (!pending.isEmpty()) {
            log.debug("Store {} of task {} closed with {} writes not known to be committed: not kept", name,
                    context.taskId(), pending.size());
        }
        pending.clear();
        map.clear();
        if (listening != null) {
            TransactionOutcomes.stopListening(listening, this);
            listening = null;
        }
        try {
            storeLog.close();
        } catch (IOException e) {
            log.warn("Store {}: closing its state file failed ({})", name, e.toString());
        }
    }

    private static final class ListIterator implements KeyValueIterator<Bytes, byte[]> {
        private final Iterator<KeyValue<Bytes, byte[]>> entries;
        private KeyValue<Bytes, byte[]> next;

        ListIterator(List<KeyValue<Bytes, byte[]>> entries) {
            this.entries = entries.iterator();
        }

        @Override
        public boolean hasNext() {
            if (next == null && entries.hasNext()) {
                next = entries.next();
            }
            return next != null;
        }

        @Override
        public KeyValue<Bytes, byte[]> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            KeyValue<Bytes, byte[]> out = next;
            next = null;
            return out;
        }

        @Override
        public Bytes peekNextKey() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return next.key;
        }

        @Override
        public void close() {
        }
    }
}
