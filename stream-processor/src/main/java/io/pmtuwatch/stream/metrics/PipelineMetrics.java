package io.pmtuwatch.stream.metrics;


import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one processor instance: what came in, what went out, what was dropped and why.
 * Processors and exception handlers of all stream threads update them (LongAdder: cheap under
 * contention). Under exactly-once a record reprocessed after an aborted transaction is counted
 * again, so these are operational rates, not an audit of the topics.
 */
public final class PipelineMetrics {

    /** Key under which the instance's metrics travel in the Streams configuration to the exception handlers. */
    public static final String CONFIG_KEY = "pmtu.metrics.instance";

    /** What is counted. */
    public enum Counter {
        OBSERVATIONS_IN, DIAGNOSES_OUT, ANOMALIES_OUT, LINK_UPDATES_OUT, DEAD_LETTERS, DUPLICATES_DROPPED,
        RUNS_TIMED_OUT, PATHS_AGED_OUT, LINKS_AGED_OUT,
        /** Outputs the broker refused (each attempt; the source record is dead-lettered after a few). */
        OUTPUTS_REFUSED,
        /** Outputs not sent because the producer or the broker would refuse them for their size (dead-lettered). */
        OUTPUTS_TOO_LARGE,
        /** Observations dead-lettered because their timestamp is too far from the processor's clock. */
        RECORDS_REJECTED_FOR_TIME,
        /** Diagnoses of incomplete runs (some observations missing): they never close a window. */
        INCOMPLETE_DIAGNOSES,
        /** Changelog records replayed into this instance's active stores (after a start, a fail-over, a rebalance). */
        STATE_RECORDS_RESTORED
    }

    private final Map<Counter, LongAdder> counters = new EnumMap<>(Counter.class);
    private final Map<String, LongAdder> deadLettersByReason = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, LongAdder> restoredByStore = new java.util.concurrent.ConcurrentHashMap<>();
    // Travels with the metrics (the one object handed to the exception handlers through the config).
    private final OutputFailures outputFailures = new OutputFailures();

    public PipelineMetrics() {
        for (Counter counter : Counter.values()) {
            counters.put(counter, new LongAdder());
        }
    }

    public void increment(Counter counter) {
        counters.get(counter).increment();
    }

    public void deadLetter(String reason) {
        counters.get(Counter.DEAD_LETTERS).increment();
        deadLettersByReason.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    public void restored(String store, long records) {
        counters.get(Counter.STATE_RECORDS_RESTORED).add(records);
        restoredByStore.computeIfAbsent(store, s -> new LongAdder()).add(records);
    }

    public long get(Counter counter) {
        return counters.get(counter).sum();
    }

    public Map<Counter, Long> snapshot() {
        Map<Counter, Long> out = new EnumMap<>(Counter.class);
        counters.forEach((counter, adder) -> out.put(counter, adder.sum()));
        return out;
    }

    public Map<String, Long> deadLettersByReason() {
        Map<String, Long> out = new TreeMap<>();
        deadLettersByReason.forEach((reason, adder) -> out.put(reason, adder.sum()));
        return out;
    }

    public Map<String, Long> restoredByStore() {
        Map<String, Long> out = new TreeMap<>();
        restoredByStore.forEach((store, adder) -> out.put(store, adder.sum()));
        return out;
    }

    /** Source records whose outputs the broker refused, shared by the production handler and the validating step. */
    public OutputFailures outputFailures() {
        return outputFailures;
    }

    /** The instance's metrics from a handler's configuration, or a detached set when none was passed. */
    public static PipelineMetrics from(Map<String, ?> configs) {
        Object value = configs.get(CONFIG_KEY);
        return value instanceof PipelineMetrics metrics ? metrics : new PipelineMetrics();
    }
}
