package io.pmtuwatch.demo;

import io.pmtuwatch.probe.kafka.ObservationPublisher;
import io.pmtuwatch.probe.kafka.RunObservations;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Keeps a copy of every run it passes on, so a lab session can be saved as a recording. */
final class RecordingPublisher implements ObservationPublisher {

    private final ObservationPublisher delegate;
    private final List<RunObservations> runs = new ArrayList<>();

    RecordingPublisher(ObservationPublisher delegate) {
        this.delegate = delegate;
    }

    @Override
    public CompletableFuture<Void> publish(RunObservations run) {
        synchronized (runs) {
            runs.add(run);
        }
        return delegate.publish(run);
    }

    List<RunObservations> runs() {
        synchronized (runs) {
            return List.copyOf(runs);
        }
    }

    @Override
    public void close(Duration timeout) {
        delegate.close(timeout);
    }
}
