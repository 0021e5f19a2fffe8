package io.pmtuwatch.probe.agent;

import java.time.Duration;

/** Fires tasks after a delay. Tasks must be quick: they only hand work to the run workers. */
public interface RunTimer extends AutoCloseable {

    void schedule(Duration delay, Runnable task);

    /** Cancels everything not yet fired. */
    @Override
    void close();
}
