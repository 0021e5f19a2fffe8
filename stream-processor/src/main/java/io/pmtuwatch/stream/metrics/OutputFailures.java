package io.pmtuwatch.stream.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Source records whose output the broker refused. Under exactly-once a refused output aborts the
 * task's transaction and the task reprocesses from its last commit, so the same source record
 * would fail forever; after {@link #MAX_ATTEMPTS} refusals it is dead-lettered instead of processed
 * (see {@link io.pmtuwatch.stream.topology.internals.ValidatingProcessor}), and the other paths of the task go on.
 * An output of a punctuation (a run closed by its timeout, ageing) has no source record: it is
 * tracked by output topic and key, and the guard in front of each output drops it after as many
 * refusals ({@link io.pmtuwatch.stream.topology.internals.OutputGuard}).
 */
public final class OutputFailures {

    public static final int MAX_ATTEMPTS = 3;
    /** Bounds memory if the broker refuses everything (a misconfigured topic): then everything is retried again. */
    private static final int MAX_TRACKED = 10_000;

    private final Map<String, Failure> failures = new ConcurrentHashMap<>();
    private volatile long lastRefusalMs = -1;

    private record Failure(int attempts, String lastError) {
    }

    /** Records one refusal of an output of the source record at {@code topic-partition@offset}. */
    public void failed(String topic, int partition, long offset, String error) {
        lastRefusalMs = System.currentTimeMillis();
        if (topic == null || offset < 0) {
            return; // output of a punctuation: no source record to set aside
        }
        if (failures.size() >= MAX_TRACKED) {
            failures.clear();
        }
        failures.merge(key(topic, partition, offset), new Failure(1, error),
                (old, next) -> new Failure(old.attempts + 1, next.lastError));
    }

    /**
     * Whether the broker refused an output within {@code withinMs} before {@code nowMs}. Under
     * exactly-once the refusal then fails the transaction and, with it, the stream thread: that
     * failure is the bounded retry above, not a fault of the processor.
     */
    public boolean refusedRecently(long nowMs, long withinMs) {
        long last = lastRefusalMs;
        return last >= 0 && nowMs - last <= withinMs;
    }

    /** The last refusal when the source record has been refused too often, else null. */
    public String exhausted(String topic, int partition, long offset) {
        if (failures.isEmpty() || topic == null) {
            return null;
        }
        Failure failure = failures.get(key(topic, partition, offset));
        return failure != null && failure.attempts >= MAX_ATTEMPTS ? failure.lastError : null;
    }

    /** Records one refusal of a punctuation's output, by where it was going. */
    public void failedOutput(String outputTopic, String key, String error) {
        lastRefusalMs = System.currentTimeMillis();
        if (failures.size() >= MAX_TRACKED) {
            failures.clear();
        }
        failures.merge(outputKey(outputTopic, key), new Failure(1, error),
                (old, next) -> new Failure(old.attempts + 1, next.lastError));
    }

    /** The last refusal when outputs to {@code outputTopic} with this key were refused too often (then forgotten), else null. */
    public String takeExhaustedOutput(String outputTopic, String key) {
        if (failures.isEmpty()) {
            return null;
        }
        String k = outputKey(outputTopic, key);
        Failure failure = failures.get(k);
        if (failure == null || failure.attempts < MAX_ATTEMPTS) {
            return null;
        }
        failures.remove(k);
        return failure.lastError;
    }

    private static String outputKey(String outputTopic, String key) {
        return "output " + outputTopic + "|" + key;
    }

    public void forget(String topic, int partition, long offset) {
        if (!failures.isEmpty() && topic != null) {
            failures.remove(key(topic, partition, offset));
        }
    }

    private static String key(String topic, int partition, long offset) {
        return topic + "-" + partition + "@" + offset;
    }
}
