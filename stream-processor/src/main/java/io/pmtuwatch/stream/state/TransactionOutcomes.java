package io.pmtuwatch.stream.state;

import org.apache.kafka.common.TopicPartition;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells the stores written on a stream thread how that thread's transactions ended. Under
 * exactly-once (v2) each stream thread has one producer and one open transaction covering every
 * task it runs, and a task's stores are written on that thread only; so "the transaction this
 * thread just committed" contains every changelog record of every store write this thread made
 * before it. Kafka Streams itself gives a store no such signal while it runs (it commits stores
 * only on suspend, close and after restoration).
 *
 * <p>Keyed by thread, which no two Kafka Streams clients share, so one registry serves a whole JVM.
 */
public final class TransactionOutcomes {

    /** A store that keeps writes back until their transaction is known to have committed. */
    interface Listener {
        /** This thread's transaction committed; {@code lastOffsets} has the last offset it wrote per partition. */
        void committed(Map<TopicPartition, Long> lastOffsets);

        /** This thread's transaction failed or was aborted: its writes must never become durable. */
        void failed();
    }

    private static final Map<Thread, Set<Listener>> LISTENERS = new ConcurrentHashMap<>();

    private TransactionOutcomes() {
    }

    /** Subscribes {@code listener} to the outcomes of the current thread's transactions. */
    static void listenOnCurrentThread(Listener listener) {
        LISTENERS.computeIfAbsent(Thread.currentThread(), t -> ConcurrentHashMap.newKeySet()).add(listener);
    }

    static void stopListening(Thread thread, Listener listener) {
        Set<Listener> listeners = LISTENERS.get(thread);
        if (listeners != null) {
            listeners.remove(listener);
            LISTENERS.computeIfPresent(thread, (t, set) -> set.isEmpty() ? null : set);
        }
    }

    static void committedOnCurrentThread(Map<TopicPartition, Long> lastOffsets) {
        Set<Listener> listeners = LISTENERS.get(Thread.currentThread());
        if (listeners != null) {
            listeners.forEach(listener -> listener.committed(lastOffsets));
        }
    }

    static void failedOnCurrentThread() {
        Set<Listener> listeners = LISTENERS.get(Thread.currentThread());
        if (listeners != null) {
            listeners.forEach(Listener::failed);
        }
    }
}
