package io.pmtuwatch.stream.app;

import io.pmtuwatch.stream.metrics.ProducerRetries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Once a {@link #PERIOD}, one INFO line when the producer retried sends that the log leaves out line by line
 * ({@link ProducerRetries}; why they are left out: {@code TransactionRaceRetryFilter}), so the log still shows
 * that, when and how often they happen. Nothing is logged in a period without any.
 */
final class ProducerRetrySummary implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProducerRetrySummary.class);
    static final Duration PERIOD = Duration.ofMinutes(1);

    private final ScheduledExecutorService scheduler;
    private Map<String, Long> reported;

    private ProducerRetrySummary() {
        this.reported = ProducerRetries.byError();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "producer-retry-summary");
            thread.setDaemon(true);
            return thread;
        });
    }

    static ProducerRetrySummary start() {
        ProducerRetrySummary summary = new ProducerRetrySummary();
        summary.scheduler.scheduleAtFixedRate(summary::report, PERIOD.toMillis(), PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        return summary;
    }

    private void report() {
        Map<String, Long> now = ProducerRetries.byError();
        line(reported, now).ifPresent(log::info);
        reported = now;
    }

    /** The line for the retries between two readings of {@link ProducerRetries#byError()}, empty when there were none. */
    static Optional<String> line(Map<String, Long> before, Map<String, Long> now) {
        StringJoiner byError = new StringJoiner(", ");
        long added = 0;
        for (Map.Entry<String, Long> entry : now.entrySet()) {
            long delta = entry.getValue() - before.getOrDefault(entry.getKey(), 0L);
            if (delta > 0) {
                byError.add(entry.getKey() + " " + delta);
                added += delta;
            }
        }
        if (added == 0) {
            return Optional.empty();
        }
        return Optional.of(String.format("The producer sent %d batch%s again in the last %d s (%s): a new transaction's "
                        + "first sends came while the previous one's commit was still being completed, and the batches behind "
                        + "them; retried, nothing lost (pmtu_producer_retries_total in /metrics)",
                added, added == 1 ? "" : "es", PERIOD.toSeconds(), byError));
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
