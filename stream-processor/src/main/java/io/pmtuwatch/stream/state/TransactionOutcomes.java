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
 * before it. Kafka Streams itself gives a store no such signal while it runs: under exactly-once it
 * commits stores only after restoration, when it suspends or closes a task, and also when it closes
 * a task dirty (then before the open transaction is aborted), so its commit says nothing about them.
 *
 * <p>Keyed by thread, which no two Kafka Streams clients share, so one registry serves a whole JVM.
 * A thread's entry goes when its producer closes ({@link #producerClosed}): a stream thread that
 * ends, or is replaced, closes its producer last.
 */
public final class TransactionOutcomes {

    /** A store that keeps writes back until their transaction is known to have committed. */
    interface Listener {
        /** This thread's transaction committed; {@code lastOffsets} has the last offset it wrote per partition. */
        void committed(Map<TopicPartition, Long> lastOffsets);

        /** This thread's transaction failed or was aborted: its writes must never become durable. */
        void failed();
    }

    /** The listeners of one thread; once {@link #ended()}, a listener still writing on it must subscribe again. */
    static final class ThreadListeners {
        private final Thread thread;
        private final Set<Listener> listeners = ConcurrentHashMap.newKeySet();
        private volatile boolean ended;

        private ThreadListeners(Thread thread) {
            this.thread = thread;
        }

        Thread thread() {
            return thread;
        }

        /** The thread's producer closed: nothing more is told through this subscription. */
        boolean ended() {
            return ended;
        }
    }

    private static final Map<Thread, ThreadListeners> LISTENERS = new ConcurrentHashMap<>();
    // Threads on which a reporting producer has begun a transaction (exactly-once): their stores' writes
    // become durable only through these reports. Not those of a producer that reports nothing (the
    // at-least-once mode has no transactions; TopologyTestDriver's producer is its own).
    private static final Set<Thread> REPORTED = ConcurrentHashMap.newKeySet();

    private TransactionOutcomes() {
    }

    /** Subscribes {@code listener} to the outcomes of the current thread's transactions. */
    static ThreadListeners listenOnCurrentThread(Listener listener) {
        return LISTENERS.compute(Thread.currentThread(), (thread, current) -> {
            ThreadListeners out = current != null ? current : new ThreadListeners(thread);
            out.listeners.add(listener);
            return out;
        });
    }

    static void stopListening(ThreadListeners subscription, Listener listener) {
        LISTENERS.computeIfPresent(subscription.thread, (thread, current) -> {
            current.listeners.remove(listener);
            return current.listeners.isEmpty() ? null : current;
        });
    }

    /** A reporting producer begins a transaction on the current thread: its outcome will be told. */
    static void transactionBegun() {
        REPORTED.add(Thread.currentThread());
    }

    /**
     * Whether {@code thread}'s transactions are reported here: then a write it made after its last
     * reported commit is in a transaction still open, whatever else Kafka Streams does with the store.
     */
    static boolean reports(Thread thread) {
        return REPORTED.contains(thread);
    }

    static void committedOnCurrentThread(Map<TopicPartition, Long> lastOffsets) {
        ThreadListeners current = LISTENERS.get(Thread.currentThread());
        if (current != null) {
            current.listeners.forEach(listener -> listener.committed(lastOffsets));
        }
    }

    static void failedOnCurrentThread() {
        ThreadListeners current = LISTENERS.get(Thread.currentThread());
        if (current != null) {
            current.listeners.forEach(Listener::failed);
        }
    }

    /**
     * The producer of {@code thread}'s transactions closed: a transaction still open never commits,
     * so its listeners hear that it failed, and the thread's entry is removed (a replaced stream
     * thread's would otherwise stay for good).
     */
    static void producerClosed(Thread thread) {
        REPORTED.remove(thread);
        ThreadListeners ended = LISTENERS.remove(thread);
        if (ended != null) {
            ended.ended = true;
            ended.listeners.forEach(Listener::failed);
        }
    }

    /**
     * Forgets every thread, for tests' clean-up: a reporting producer left open on a test's thread would
     * otherwise keep that thread reported for the rest of the JVM, changing what later tests on it see.
     */
    static void reset() {
        REPORTED.clear();
        LISTENERS.values().forEach(ended -> ended.ended = true);
        LISTENERS.clear();
    }

    /** Whether anything listens to {@code thread}'s transactions. */
    static boolean hasListeners(Thread thread) {
        return LISTENERS.containsKey(thread);
    }
}
