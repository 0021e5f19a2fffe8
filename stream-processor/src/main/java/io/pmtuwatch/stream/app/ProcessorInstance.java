package io.pmtuwatch.stream.app;

import io.pmtuwatch.stream.config.ProcessorConfig;
import io.pmtuwatch.stream.metrics.MetricsReport;
import io.pmtuwatch.stream.metrics.PipelineMetrics;
import io.pmtuwatch.stream.query.LocalViews;
import io.pmtuwatch.stream.query.QueryServer;
import io.pmtuwatch.stream.topology.DiagnosisTopology;
import io.pmtuwatch.stream.topology.RunDiagnoser;
import io.pmtuwatch.stream.topology.StreamsSettings;
import io.pmtuwatch.stream.topology.TopicProvisioner;
import io.pmtuwatch.stream.topology.internals.LinkAggregator;
import io.pmtuwatch.stream.topology.internals.PathTracker;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One running stream-processor instance: topics checked, the topology running under exactly-once,
 * the query API serving its state. Instances with the same application id share the partitions;
 * nothing else coordinates them.
 */
public final class ProcessorInstance implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProcessorInstance.class);

    private final KafkaStreams streams;
    private final PipelineMetrics metrics;
    private final QueryServer query;

    private ProcessorInstance(KafkaStreams streams, PipelineMetrics metrics, QueryServer query) {
        this.streams = streams;
        this.metrics = metrics;
        this.query = query;
    }

    public static ProcessorInstance start(ProcessorConfig config, RunDiagnoser diagnoser) {
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
        KafkaStreams streams = new KafkaStreams(DiagnosisTopology.build(config.topology(), diagnoser, metrics),
                StreamsSettings.of(config, metrics, applicationServer));
        streams.setUncaughtExceptionHandler(e -> {
            log.error("A stream thread failed; replacing it (its tasks restart from the last commit)", e);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.setStateListener((now, before) -> log.info("Kafka Streams {} -> {}", before, now));
        streams.start();
        if (query != null) {
            query.start(streams, new MetricsReport(metrics, () -> gauges(streams)), self);
        }
        log.info("Stream processor {} started against {} ({} partitions, exactly-once v2{})", config.applicationId(),
                config.bootstrapServers(), config.topology().partitions(),
                applicationServer.map(s -> ", query API at http://" + s + "/").orElse(""));
        return new ProcessorInstance(streams, metrics, query);
    }

    private static Map<String, Long> gauges(KafkaStreams streams) {
        Map<String, Long> out = new LinkedHashMap<>();
        LocalViews views = new LocalViews(streams);
        out.put("open_anomalies", (long) views.openAnomalies().size());
        out.put("paths", views.count(PathTracker.PATH_DIAGNOSES_STORE));
        out.put("links", views.count(LinkAggregator.LINKS_STORE));
        return out;
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
        log.info("Stream processor stopped");
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }
}
