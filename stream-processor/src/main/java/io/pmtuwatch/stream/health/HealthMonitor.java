package io.pmtuwatch.stream.health;

import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides whether this instance is healthy, from facts rather than from Kafka Streams' state alone
 * (which stays RUNNING while a thread is replaced again and again on the same record):
 * <ul>
 *   <li>the state is ERROR, PENDING_ERROR or NOT_RUNNING;</li>
 *   <li>stream threads failed {@code maxThreadFailures} times within {@code failureWindow};</li>
 *   <li>a source partition has records waiting behind its committed offset and that offset has not
 *       moved for {@code stallAfter} (processing is stuck, e.g. on a record it cannot get past).</li>
 * </ul>
 * Pure apart from its memory of offsets and failures: the clock and the offsets are parameters.
 */
public final class HealthMonitor {

    private final Duration stallAfter;
    private final int maxThreadFailures;
    private final Duration failureWindow;
    private final Deque<Long> failures = new ArrayDeque<>();
    private final Map<TopicPartition, Progress> progress = new HashMap<>();
    private String lastFailure;

    /** A partition's committed offset, and since when records have waited behind it (-1: none waiting). */
    private record Progress(long committed, long waitingSinceMs) {
    }

    public HealthMonitor(Duration stallAfter, int maxThreadFailures, Duration failureWindow) {
        this.stallAfter = stallAfter;
        this.maxThreadFailures = maxThreadFailures;
        this.failureWindow = failureWindow;
    }

    public synchronized void threadFailed(long nowMs, Throwable error) {
        failures.addLast(nowMs);
        lastFailure = error == null ? "unknown" : rootMessage(error);
    }

    /**
     * @param state     Kafka Streams' state name
     * @param committed committed offset of each source partition of this instance's active tasks
     * @param ends      end offset of the same partitions as the consumer knows it
     */
    public synchronized Health check(long nowMs, String state, Map<TopicPartition, Long> committed,
                                     Map<TopicPartition, Long> ends) {
        List<String> problems = new ArrayList<>();
        if (state.equals("ERROR") || state.equals("PENDING_ERROR") || state.equals("NOT_RUNNING")
                || state.equals("PENDING_SHUTDOWN")) {
            problems.add("Kafka Streams is " + state + (lastFailure == null ? "" : " (last failure: " + lastFailure + ")"));
        }
        while (!failures.isEmpty() && failures.peekFirst() < nowMs - failureWindow.toMillis()) {
            failures.removeFirst();
        }
        if (failures.size() >= maxThreadFailures) {
            problems.add("stream threads failed " + failures.size() + " times in the last " + minutes(failureWindow)
                    + " (last: " + lastFailure + ")");
        }
        long waiting = 0;
        progress.keySet().retainAll(committed.keySet());
        for (Map.Entry<TopicPartition, Long> entry : committed.entrySet()) {
            TopicPartition partition = entry.getKey();
            long offset = Math.max(entry.getValue() == null ? 0 : entry.getValue(), 0);
            Long end = ends.get(partition);
            long lag = end == null || end < 0 ? 0 : Math.max(0, end - offset);
            waiting += lag;
            Progress seen = progress.get(partition);
            if (seen == null || seen.committed != offset || lag == 0 || seen.waitingSinceMs < 0) {
                // The stall is timed from the first check that saw records waiting at this offset, not
                // from the last check before them: checks may be minutes apart.
                progress.put(partition, new Progress(offset, lag == 0 ? -1 : nowMs));
            } else if (state.equals("RUNNING") && nowMs - seen.waitingSinceMs >= stallAfter.toMillis()) {
                problems.add("no progress on " + partition + " for " + minutes(Duration.ofMillis(nowMs - seen.waitingSinceMs))
                        + " while " + lag + " records wait (committed offset " + offset + ")");
            }
        }
        return new Health(problems.isEmpty(), state, problems, waiting, failures.size());
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static String minutes(Duration d) {
        return d.toSeconds() >= 120 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }
}
