package io.pmtuwatch.stream.sink.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/** Documents waiting for their next attempt, released when due. Used by the sink loop thread only. */
final class RetrySchedule<T> {

    private record Entry<T>(long dueNanos, long sequence, T item) {
    }

    private final PriorityQueue<Entry<T>> queue = new PriorityQueue<>((a, b) -> a.dueNanos != b.dueNanos
            ? Long.compare(a.dueNanos, b.dueNanos) : Long.compare(a.sequence, b.sequence));
    private long sequence;

    void schedule(T item, long dueNanos) {
        queue.add(new Entry<>(dueNanos, sequence++, item));
    }

    List<T> due(long nowNanos) {
        List<T> out = new ArrayList<>();
        while (!queue.isEmpty() && queue.peek().dueNanos - nowNanos <= 0) {
            out.add(queue.poll().item);
        }
        return out;
    }

    int size() {
        return queue.size();
    }
}
