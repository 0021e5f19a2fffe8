package io.pmtuwatch.stream.app;

import io.pmtuwatch.stream.config.ProcessorConfig;
import io.pmtuwatch.stream.config.StateDirectories;
import io.pmtuwatch.stream.metrics.MetricsReport;
import io.pmtuwatch.stream.metrics.PipelineMetrics;
import io.pmtuwatch.stream.metrics.RestoreCounter;
import io.pmtuwatch.stream.query.LocalViews;
import io.pmtuwatch.stream.state.OutcomeReportingClientSupplier;
import io.pmtuwatch.stream.query.QueryServer;
import io.pmtuwatch.stream.topology.DiagnosisTopology;
import io.pmtuwatch.stream.topology.RunDiagnoser;
import io.pmtuwatch.stream.topology.StreamsSettings;
import io.pmtuwatch.stream.topology.TopicProvisioner;
import io.pmtuwatch.stream.topology.internals.LinkAggregator;
import io.pmtuwatch.stream.topology.internals.PathTracker;
import io.pmtuwatch.schemas.client.DependencyWait;
import io.pmtuwatch.schemas.client.KafkaReachability;
import io.pmtuwatch.stream.health.Health;
import io.pmtuwatch.stream.health.HealthMonitor;
import io.pmtuwatch.stream.metrics.StoreCounts;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * One running stream-processor instance: topics checked, the topology running (exactly-once by default),
 * the query API serving its state. Instances with the same application id share the partitions;
 * nothing else coordinates them.
 */
public final class ProcessorInstance implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProcessorInstance.class);
    /** A thread failure this soon after a refused output is taken as its retry. */
    private static final long REFUSAL_RETRY_MS = 30_000;

    private final KafkaStreams streams;
    private final PipelineMetrics metrics;
    private final QueryServer query;
    private final HealthMonitor monitor;
    private final CountDownLatch failed;
    private final OutputLimitsWatch limits;
    private final ProducerRetrySummary retries;

    private ProcessorInstance(KafkaStreams streams, PipelineMetrics metrics, QueryServer query, HealthMonitor monitor,
                              CountDownLatch failed, OutputLimitsWatch limits, ProducerRetrySummary retries) {
        this.limits = limits;
        this.retries = retries;
        this.streams = streams;
        this.metrics = metrics;
        this.query = query;
        this.monitor = monitor;
        this.failed = failed;
    }

    /**
     * Waits for Kafka (see {@code startup.wait}), checks the topics, starts the topology and the query API.
     *
     * @throws IllegalStateException with a sentence for the operator when it cannot start
     */
    public static ProcessorInstance start(ProcessorConfig config, RunDiagnoser diagnoser) {
        StateDirectories.prepare(config.stateDir());
        awaitKafka(config);
        TopicProvisioner.ensure(config);
        PipelineMetrics metrics = new PipelineMetrics();
        QueryServer query = null;
        HostInfo self = null;
        if (config.queryEnabled()) {
            try {
                query = QueryServer.bind(config.queryBind(), config.queryPort());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot bind the query API to " + config.queryBind() + ":"
                        + config.queryPort() + " (query.bind, query.port)", e);
            }
            self = new HostInfo(config.queryAdvertisedHost().orElse(config.queryBind()), query.port());
        }
        Optional<String> applicationServer = Optional.ofNullable(self).map(h -> h.host() + ":" + h.port());
        Properties props = StreamsSettings.of(config, metrics, applicationServer);
        OutputLimitsWatch limits = OutputLimitsWatch.start(config, props);
        KafkaStreams streams = new KafkaStreams(DiagnosisTopology.build(config.topology(), diagnoser, metrics,
                limits.limits()), props, new OutcomeReportingClientSupplier());
        streams.setGlobalStateRestoreListener(new RestoreCounter(metrics));
        HealthMonitor monitor = new HealthMonitor(config.operations().healthStallAfter(),
                config.operations().healthMaxThreadFailures(), config.operations().healthFailureWindow());
        streams.setUncaughtExceptionHandler(e -> {
            long now = System.currentTimeMillis();
            if (metrics.outputFailures().refusedRecently(now, REFUSAL_RETRY_MS)) {
                // The broker refused an output: the transaction failed with it. Retrying is how the source
                // record gets dead-lettered after a few refusals (OutputFailures), so it is no sign of ill health.
                log.warn("A stream thread stopped after the broker refused an output ({}); replacing it to retry",
                        e.toString());
            } else {
                monitor.threadFailed(now, e);
                log.error("A stream thread failed; replacing it (its tasks restart from the last commit)", e);
            }
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        CountDownLatch failed = new CountDownLatch(1);
        streams.setStateListener((now, before) -> {
            log.info("Kafka Streams {} -> {}", before, now);
            if (now == KafkaStreams.State.ERROR) {
                failed.countDown();
            }
        });
        streams.start();
        if (query != null) {
            query.start(streams, new MetricsReport(metrics, () -> gauges(streams, monitor)), self);
            query.health(() -> health(streams, monitor));
        }
        log.info("Stream processor {} started against {} ({} partitions, {}{})", config.applicationId(),
                config.bootstrapServers(), config.topology().partitions(),
                config.operations().processingGuarantee().streamsValue(),
                applicationServer.map(s -> ", query API at http://" + s + "/").orElse(""));
        return new ProcessorInstance(streams, metrics, query, monitor, failed, limits, ProducerRetrySummary.start());
    }

    private static void awaitKafka(ProcessorConfig config) {
        Duration wait = config.operations().startupWait();
        try {
            DependencyWait.await("Kafka", config.bootstrapServers(), KafkaReachability.ADVICE
                            + " (kafka.bootstrap.servers / PMTU_KAFKA_BOOTSTRAP_SERVERS, kafka.config)",
                    new DependencyWait.Policy(Duration.ofSeconds(10), wait),
                    KafkaReachability.check(config.bootstrapServers(),
                            config.plainClientConfig(AdminClientConfig.configNames())));
        } catch (DependencyWait.DependencyUnavailableException e) {
            throw new IllegalStateException(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka");
        }
    }

    private static Map<String, Long> gauges(KafkaStreams streams, HealthMonitor monitor) {
        Map<String, Long> out = new LinkedHashMap<>();
        LocalViews views = new LocalViews(streams);
        StoreCounts counts = new StoreCounts(streams);
        out.put("open_anomalies", (long) views.openAnomalies().size());
        out.put("paths", counts.count(PathTracker.PATH_DIAGNOSES_STORE));
        out.put("links", counts.count(LinkAggregator.LINKS_STORE));
        Health health = health(streams, monitor);
        out.put("waiting_records", health.waitingRecords());
        out.put("healthy", health.healthy() ? 1L : 0L);
        return out;
    }

    // Committed and end offsets of this instance's active tasks: progress is measured, not assumed.
    private static Health health(KafkaStreams streams, HealthMonitor monitor) {
        Map<TopicPartition, Long> committed = new HashMap<>();
        Map<TopicPartition, Long> ends = new HashMap<>();
        KafkaStreams.State state = streams.state();
        if (state.isRunningOrRebalancing()) {
            for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
                for (TaskMetadata task : thread.activeTasks()) {
                    committed.putAll(task.committedOffsets());
                    ends.putAll(task.endOffsets());
                }
            }
        }
        return monitor.check(System.currentTimeMillis(), state.name(), committed, ends);
    }

    /** What /health answers. */
    public Health health() {
        return health(streams, monitor);
    }

    /** Waits until Kafka Streams stops for good (state ERROR); returns false on timeout. */
    public boolean awaitFailure(Duration timeout) throws InterruptedException {
        return failed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public KafkaStreams streams() {
        return streams;
    }

    public PipelineMetrics metrics() {
        return metrics;
    }

    public Optional<Integer> queryPort() {
        return Optional.ofNullable(query).map(QueryServer::port);
    }

    /** Graceful: commits, leaves the group at once (no session-timeout wait for the others), closes state. */
    public void close(Duration timeout) {
        if (query != null) {
            query.close();
        }
        streams.close(CloseOptions.timeout(timeout)
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        limits.close();
        retries.close();
        log.info("Stream processor stopped");
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }
}
