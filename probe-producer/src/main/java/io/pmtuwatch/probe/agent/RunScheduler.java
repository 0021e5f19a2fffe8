package io.pmtuwatch.probe.agent;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every target once per interval (with jitter), at most {@code maxConcurrent} runs at a time.
 *
 * <p>Each target has its own timer chain, and the timer only hands work to the worker pool, so a
 * slow target never delays another's schedule. A target whose previous run is still in flight (or
 * waiting for a worker) skips its due run instead of piling up; the skip is counted.
 */
public final class RunScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunScheduler.class);

    private final List<TargetSpec> targets;
    private final TargetRunner runner;
    private final JitterPolicy jitter;
    private final RunTimer timer;
    private final RandomGenerator random;
    private final ThreadPoolExecutor workers;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicLong started = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong undelivered = new AtomicLong();
    private final AtomicLong skippedBusy = new AtomicLong();

    public RunScheduler(List<TargetSpec> targets, TargetRunner runner, int maxConcurrent, JitterPolicy jitter,
                        RunTimer timer, RandomGenerator random) {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("maxConcurrent must be at least 1: " + maxConcurrent);
        }
        this.targets = List.copyOf(targets);
        this.runner = runner;
        this.jitter = jitter;
        this.timer = timer;
        this.random = random;
        AtomicInteger threadNumber = new AtomicInteger();
        // Unbounded queue, but at most one entry per target (see the busy flag), so it stays small.
        this.workers = new ThreadPoolExecutor(maxConcurrent, maxConcurrent, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread thread = new Thread(r, "probe-run-" + threadNumber.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** Schedules every target's first run. */
    public void start() {
        for (TargetSpec target : targets) {
            AtomicBoolean busy = new AtomicBoolean();
            timer.schedule(jitter.firstDelay(target.interval(), random), () -> due(target, busy));
        }
    }

    private void due(TargetSpec target, AtomicBoolean busy) {
        if (stopping.get()) {
            return;
        }
        // Next run first: the schedule does not depend on how long this run takes.
        timer.schedule(jitter.nextDelay(target.interval(), random), () -> due(target, busy));
        if (!busy.compareAndSet(false, true)) {
            skippedBusy.incrementAndGet();
            LOG.debug("{}: previous run still in flight, skipping this one", target.label());
            return;
        }
        started.incrementAndGet();
        workers.execute(() -> runOnWorker(target, busy));
    }

    private void runOnWorker(TargetSpec target, AtomicBoolean busy) {
        if (stopping.get()) {
            busy.set(false);
            return; // queued before shutdown, never started: dropped
        }
        AtomicLong outcome = failed;
        try {
            runner.run(target);
            outcome = completed;
        } catch (RunNotDeliveredException e) {
            outcome = undelivered;
            LOG.warn("{}: {}", target.label(), e.getMessage());
        } catch (Exception e) {
            LOG.warn("{}: run failed: {}", target.label(), e.toString());
        } finally {
            // Free the target before counting, so a counter seen by others implies the target can run again.
            busy.set(false);
            outcome.incrementAndGet();
        }
    }

    public SchedulerStats stats() {
        return new SchedulerStats(started.get(), completed.get(), failed.get(), undelivered.get(), skippedBusy.get());
    }

    /**
     * Stops scheduling and lets runs in flight finish (queued ones are dropped: they have not
     * started). Returns true when all finished within {@code grace}.
     */
    public boolean shutdown(Duration grace) throws InterruptedException {
        stopping.set(true);
        timer.close();
        workers.shutdown();
        boolean finished = workers.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            LOG.warn("{} probe runs still in flight after {}; abandoning them", workers.getActiveCount(), grace);
            workers.shutdownNow();
        }
        return finished;
    }

    @Override
    public void close() throws InterruptedException {
        shutdown(Duration.ZERO);
    }

    /** The worker pool, for tests of the concurrency limit. */
    ExecutorService workers() {
        return workers;
    }
}
