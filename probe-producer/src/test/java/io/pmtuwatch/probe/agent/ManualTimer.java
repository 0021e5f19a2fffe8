package io.pmtuwatch.probe.agent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A {@link RunTimer} driven by the test: nothing fires until {@link #fireDue} is called. */
final class ManualTimer implements RunTimer {

    record Scheduled(Duration at, Duration delay, Runnable task) {
    }

    private final List<Scheduled> pending = new ArrayList<>();
    private final List<Duration> requestedDelays = new ArrayList<>();
    private Duration now = Duration.ZERO;
    private boolean closed;

    @Override
    public synchronized void schedule(Duration delay, Runnable task) {
        if (!closed) {
            requestedDelays.add(delay);
            pending.add(new Scheduled(now.plus(delay), delay, task));
        }
    }

    /** Advances the clock by {@code step} and runs, in time order, every task due by then (on this thread). */
    void advance(Duration step) {
        Duration until;
        synchronized (this) {
            until = now.plus(step);
        }
        while (true) {
            Scheduled next;
            synchronized (this) {
                next = pending.stream().filter(s -> s.at().compareTo(until) <= 0)
                        .min(Comparator.comparing(Scheduled::at)).orElse(null);
                if (next == null) {
                    now = until;
                    return;
                }
                pending.remove(next);
                now = next.at();
            }
            next.task().run();
        }
    }

    synchronized List<Duration> requestedDelays() {
        return List.copyOf(requestedDelays);
    }

    synchronized int pendingCount() {
        return pending.size();
    }

    @Override
    public synchronized void close() {
        closed = true;
        pending.clear();
    }
}
