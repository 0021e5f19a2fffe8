package io.pmtuwatch.probe.agent;

import io.pmtuwatch.schemas.client.MetricsEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;

import io.pmtuwatch.probe.handshake.HandshakeProber;
import io.pmtuwatch.probe.handshake.HandshakeSettings;
import io.pmtuwatch.probe.kafka.ObservationPublisher;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent: its targets on a schedule, each run measured by a {@link ProbeRunner} and published.
 * {@link #shutdown()} is what SIGTERM triggers: no new runs, in-flight runs finish, Kafka flushes.
 */
public final class ProbeAgent {

    private static final Logger LOG = LoggerFactory.getLogger(ProbeAgent.class);

    private final AgentConfig config;
    private final List<TargetSpec> targets;
    private final ProbeRunner runner;
    private final ObservationPublisher publisher;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private RunScheduler scheduler;
    private RunTimer statusTimer;
    private volatile MetricsEndpoint metrics;

    public ProbeAgent(AgentConfig config, List<TargetSpec> targets, PathProber tracer, ObservationPublisher publisher,
                      NamespaceRunner namespaces) {
        this.config = config;
        this.targets = List.copyOf(targets);
        this.publisher = publisher;
        HandshakeSettings handshake = HandshakeSettings.DEFAULT.withMode(config.mssMode())
                .withConnectTimeout(config.handshakeTimeout());
        this.runner = new ProbeRunner(config.agent(), new HandshakeProber(handshake), tracer, publisher,
                TargetAddressResolver.SYSTEM, namespaces, config.locateClamps() ? ClampProbe.tracebox() : ClampProbe.NONE);
    }

    /**
     * Starts the schedule; returns at once. The metrics port (when configured) is bound first, so a
     * port that cannot be had fails here with nothing started.
     */
    public synchronized void start() {
        if (config.metricsPort() >= 0) {
            try {
                metrics = MetricsEndpoint.start(config.metricsBind(), config.metricsPort(), this::prometheus);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot listen on " + config.metricsBind() + ":" + config.metricsPort()
                        + " (metrics.bind, metrics.port): " + e.getMessage(), e);
            }
            LOG.info("agent metrics at http://{}:{}/metrics", config.metricsBind(), metrics.port());
        }
        scheduler = new RunScheduler(targets, runner, config.maxConcurrentRuns(), new JitterPolicy(config.jitter()),
                new ScheduledRunTimer(), new SecureRandom());
        scheduler.start();
        statusTimer = new ScheduledRunTimer();
        new StatusReporter(statusTimer, StatusReporter.PERIOD, scheduler::stats, LOG::info).start();
        LOG.info("agent {} probing {} targets, at most {} runs at once", config.agentId(), targets.size(),
                config.maxConcurrentRuns());
    }

    /**
     * Runs every target once (at most maxConcurrentRuns at a time), waits for Kafka to acknowledge,
     * and closes the publisher. Returns the number of runs that failed or were not delivered.
     */
    public int runEachOnce() throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(config.maxConcurrentRuns());
        int failures = 0;
        try {
            List<Future<RunSummary>> runs = new ArrayList<>();
            for (TargetSpec target : targets) {
                runs.add(pool.submit(() -> runner.runOnce(target)));
            }
            // Kafka retries each record for the delivery timeout: wait that long, plus the grace.
            long deadline = System.nanoTime() + config.deliveryTimeout().plus(config.shutdownGrace()).toNanos();
            for (int i = 0; i < runs.size(); i++) {
                failures += awaitDelivered(targets.get(i), runs.get(i), deadline) ? 0 : 1;
            }
        } finally {
            pool.shutdownNow();
            publisher.close(config.shutdownGrace());
            stopped.set(true);
        }
        return failures;
    }

    private static boolean awaitDelivered(TargetSpec target, Future<RunSummary> run, long deadlineNanos)
            throws InterruptedException {
        try {
            RunSummary summary = run.get();
            try {
                summary.delivered().get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                LOG.error("{}: {}", target.label(), new RunNotDeliveredException(summary.observations(),
                        e.getCause() == null ? e : e.getCause()).getMessage());
                return false;
            }
            LOG.info("{}", summary.line());
            return summary.traceError() == null;
        } catch (ExecutionException e) {
            LOG.error("{}: {}", target.label(), e.getCause() == null ? e.toString() : e.getCause().toString());
            return false;
        } catch (TimeoutException e) {
            LOG.error("{}: Kafka did not acknowledge the run in time", target.label());
            return false;
        }
    }

    /** The port of the agent's /metrics while it runs with one. */
    public java.util.OptionalInt metricsPort() {
        MetricsEndpoint endpoint = metrics;
        return endpoint == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(endpoint.port());
    }

    // Scraped before the schedule exists (the port is bound first): then every count is 0.
    private synchronized String prometheus() {
        return AgentMetrics.prometheus(scheduler != null ? scheduler.stats() : new SchedulerStats(0, 0, 0, 0, 0));
    }

    /** Stops scheduling, lets in-flight runs finish and flushes Kafka, within the shutdown grace. Idempotent. */
    public void shutdown() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        long start = System.nanoTime();
        Duration grace = config.shutdownGrace();
        try {
            if (statusTimer != null) {
                statusTimer.close();
            }
            if (metrics != null) {
                metrics.close();
                metrics = null;
            }
            if (scheduler != null) {
                scheduler.shutdown(grace);
                LOG.info("agent stopped: {}", scheduler.stats());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            Duration left = grace.minusNanos(System.nanoTime() - start);
            publisher.close(left.isNegative() ? Duration.ZERO : left);
        }
    }

    /** Counters of the schedule; zeros before {@link #start()}. */
    public SchedulerStats stats() {
        return scheduler == null ? new SchedulerStats(0, 0, 0, 0, 0) : scheduler.stats();
    }
}
