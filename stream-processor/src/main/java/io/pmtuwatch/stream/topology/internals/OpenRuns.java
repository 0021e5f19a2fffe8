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
 */
final class OpenRuns {

    private final KeyValueStore<String, RunProgress> store;
    private final Map<String, RunProgress> open = new HashMap<>();

    OpenRuns(KeyValueStore<String, RunProgress> store) {
        this.store = store;
    }

    RunProgress get(String key) {
        RunProgress run = open.get(key);
        return run != null ? run : store.get(key);
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
