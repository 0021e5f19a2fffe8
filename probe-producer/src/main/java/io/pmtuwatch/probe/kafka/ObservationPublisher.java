package io.pmtuwatch.probe.kafka;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Sends a run's observations downstream. Thread-safe: runs publish from several workers. */
public interface ObservationPublisher extends AutoCloseable {

    /** Hands the records over without blocking on delivery; the future completes when all are acknowledged. */
    CompletableFuture<Void> publish(RunObservations run);

    /** Delivers what was handed over (waiting up to {@code timeout}) and releases resources. */
    void close(Duration timeout);

    @Override
    default void close() {
        close(Duration.ofSeconds(30));
    }
}
