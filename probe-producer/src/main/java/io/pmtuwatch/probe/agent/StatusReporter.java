package io.pmtuwatch.probe.agent;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The agent's periodic status line: its counters, undelivered runs among them, so an operator (or a
 * log shipper turning lines into metrics) sees runs Kafka never acknowledged without waiting for the
 * agent to stop; with a metrics port the same counters are at /metrics ({@link AgentMetrics}).
 */
final class StatusReporter {

    static final Duration PERIOD = Duration.ofMinutes(5);

    private final RunTimer timer;
    private final Duration period;
    private final Supplier<SchedulerStats> stats;
    private final Consumer<String> out;

    StatusReporter(RunTimer timer, Duration period, Supplier<SchedulerStats> stats, Consumer<String> out) {
        this.timer = timer;
        this.period = period;
        this.stats = stats;
        this.out = out;
    }

    void start() {
        timer.schedule(period, this::report);
    }

    private void report() {
        try {
            out.accept(line(stats.get()));
        } finally {
            timer.schedule(period, this::report);
        }
    }

    static String line(SchedulerStats s) {
        return "agent status: runs started " + s.started() + ", completed " + s.completed() + ", failed " + s.failed()
                + ", undelivered " + s.undelivered() + " (measured, not acknowledged by Kafka), skipped while busy "
                + s.skippedBusy();
    }
}
