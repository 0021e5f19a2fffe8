package io.pmtuwatch.stream.topology.internals;

import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/** What Kafka Streams 4.3 does to each store of a task at the start of its commit (ProcessorStateManager.flushCache). */
final class TaskCommit {

    private TaskCommit() {
    }

    static void flushStore(StateStore store) {
        if (store instanceof CachedStateStore<?, ?> cached) {
            cached.flushCache();
        }
    }
}
