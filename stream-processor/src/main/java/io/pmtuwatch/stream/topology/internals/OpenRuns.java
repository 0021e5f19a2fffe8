package io.pmtuwatch.stream.topology.internals;

import org.apache.kafka.streams.state.KeyValueStore;

import java.util.HashMap;
import java.util.Map;

/**
 * The runs store, with the open runs also kept as objects between records: a run's record is read
 * back with every hop, and decoding it (all its hops so far) was a tenth of the stream thread's CPU
 * in the bench. Every change is put to the store, which keeps it as an object until the task commits
 * ({@link WriteBehindStore}), so a run is encoded at most once per commit; a new instance (the
 * processor's init, after a restore or a rebalance) starts empty. Only run assembly writes the
 * store, so an object here is never older than its record.
 *
 * <p>A change takes effect with its {@link #put}, as with a store that encodes at once: {@link #get}
 * gives an open run as a copy ({@link #peek} does not, for reading only), so a record whose processing fails after changing its run (it is
 * dead-lettered and the next record processed) leaves the object the store holds, and so what the
 * commit writes, as it was. A finished run is given as it is: nothing changes a finished run.
 */
final class OpenRuns {

    private final KeyValueStore<String, RunProgress> store;
    private final Map<String, RunProgress> open = new HashMap<>();

    OpenRuns(KeyValueStore<String, RunProgress> store) {
        this.store = store;
    }

    /** The run of {@code key}, to change and {@link #put} back; null if there is none. */
    RunProgress get(String key) {
        RunProgress run = peek(key);
        return run == null ? null : toChange(run);
    }

    /**
     * The run of {@code key} as held, not copied (a duplicate, the common case of a look-up that
     * changes nothing, costs no copy): to read only; {@link #toChange} it first to change it.
     */
    RunProgress peek(String key) {
        RunProgress run = open.get(key);
        return run != null ? run : store.get(key); // may be the object the write-behind store holds
    }

    /** {@code held}, from {@link #peek}, made safe to change: an open run is copied. */
    RunProgress toChange(RunProgress held) {
        return held.isFinished() ? held : held.copy();
    }

    void put(String key, RunProgress run) {
        store.put(key, run);
        if (run.isFinished()) {
            open.remove(key);
        } else {
            open.put(key, run);
        }
    }

    void delete(String key) {
        open.remove(key);
        store.delete(key);
    }
}
