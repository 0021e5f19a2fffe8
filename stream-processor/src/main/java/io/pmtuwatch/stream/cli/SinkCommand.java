package io.pmtuwatch.stream.cli;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.pmtuwatch.schemas.Topics;
import io.pmtuwatch.schemas.client.KafkaClientConfigException;
import io.pmtuwatch.schemas.client.KafkaClientConfigFile;
import io.pmtuwatch.stream.sink.ElasticsearchClients;
import io.pmtuwatch.stream.sink.ElasticsearchSettings;
import io.pmtuwatch.stream.sink.IndexTemplates;
import io.pmtuwatch.stream.sink.SinkIndices;
import io.pmtuwatch.stream.sink.SinkRoutes;
import io.pmtuwatch.stream.sink.SinkTopics;
import io.pmtuwatch.stream.sink.pipeline.ElasticsearchSink;
import io.pmtuwatch.schemas.client.MetricsEndpoint;
import io.pmtuwatch.stream.sink.pipeline.SinkMetrics;
import io.pmtuwatch.stream.sink.pipeline.SinkKafkaClients;
import io.pmtuwatch.stream.sink.pipeline.SinkSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import io.pmtuwatch.schemas.client.DependencyWait;
import io.pmtuwatch.schemas.client.KafkaReachability;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "sink", mixinStandardHelpOptions = true,
        description = "Copy diagnoses, anomaly windows and links from Kafka into Elasticsearch "
                + "(at least once, deterministic ids: no duplicates; rejected documents go to the dead-letter topic).")
final class SinkCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(SinkCommand.class);

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ElasticsearchOptions elasticsearch;

    @Option(names = "--bootstrap-servers",
            defaultValue = "${env:PMTU_KAFKA_BOOTSTRAP_SERVERS:-${env:KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}}",
            description = "Kafka bootstrap servers (env PMTU_KAFKA_BOOTSTRAP_SERVERS). Default: ${DEFAULT-VALUE}")
    String bootstrapServers;

    @Option(names = "--kafka-config", paramLabel = "FILE", defaultValue = "${env:PMTU_KAFKA_CONFIG}",
            description = "Kafka client properties file: security.protocol, sasl.*, ssl.*, tuning (env PMTU_KAFKA_CONFIG).")
    Path kafkaConfig;

    @Option(names = "--group-id", defaultValue = "${env:PMTU_SINK_GROUP_ID:-pmtu-elasticsearch-sink}",
            description = "Kafka consumer group (env PMTU_SINK_GROUP_ID). Default: ${DEFAULT-VALUE}")
    String groupId;

    @Option(names = "--diagnoses-topic", defaultValue = "${env:PMTU_TOPIC_DIAGNOSES:-" + Topics.DIAGNOSES + "}",
            description = "Input: path diagnoses (env PMTU_TOPIC_DIAGNOSES). Default: ${DEFAULT-VALUE}")
    String diagnosesTopic;

    @Option(names = "--anomalies-topic", defaultValue = "${env:PMTU_TOPIC_ANOMALIES:-" + Topics.ANOMALIES + "}",
            description = "Input: anomaly windows (env PMTU_TOPIC_ANOMALIES). Default: ${DEFAULT-VALUE}")
    String anomaliesTopic;

    @Option(names = "--links-topic", defaultValue = "${env:PMTU_TOPIC_LINKS:-" + Topics.LINKS + "}",
            description = "Input: per-link MTU view (env PMTU_TOPIC_LINKS). Default: ${DEFAULT-VALUE}")
    String linksTopic;

    @Option(names = "--dead-letter-topic", defaultValue = "${env:PMTU_TOPIC_DEAD_LETTER:-" + Topics.DEAD_LETTER + "}",
            description = "Output: records rejected for good (env PMTU_TOPIC_DEAD_LETTER). Default: ${DEFAULT-VALUE}")
    String deadLetterTopic;

    @Option(names = "--startup-wait", defaultValue = "${env:PMTU_STARTUP_WAIT:-5m}", converter = DurationConverter.class,
            description = "At start, how long to wait for Kafka and Elasticsearch (one line per 10 s naming the address),"
                    + " then exit 3; 0 waits forever (env PMTU_STARTUP_WAIT). Default: ${DEFAULT-VALUE}")
    Duration startupWait;

    @Option(names = "--metrics-port", defaultValue = "${env:PMTU_SINK_METRICS_PORT:--1}",
            description = "Port of the sink's HTTP GET /metrics (Prometheus text: records behind, last document stored,"
                    + " documents retried, dead letters); 0 picks a free one, -1 disables it (env PMTU_SINK_METRICS_PORT)."
                    + " Default: ${DEFAULT-VALUE}")
    int metricsPort;

    @Option(names = "--metrics-bind", defaultValue = "${env:PMTU_SINK_METRICS_BIND:-127.0.0.1}",
            description = "Address the metrics port listens on (localhost by default; 0.0.0.0 for all)"
                    + " (env PMTU_SINK_METRICS_BIND). Default: ${DEFAULT-VALUE}")
    String metricsBind;

    @Override
    public Integer call() throws InterruptedException {
        if (metricsPort < -1 || metricsPort > 65_535) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--metrics-port: " + metricsPort + " is out of range (-1 disables, 0 picks a free port, up to 65535)");
        }
        ElasticsearchSettings settings = validated();
        Map<String, String> kafkaClientConfig = kafkaClientConfig();
        if (settings.sendsCredentialsInClear()) {
            log.warn("Elasticsearch credentials are sent over plain http to {}; use https in production", settings.urls());
        }
        ElasticsearchClient client = ElasticsearchClients.create(settings);
        Map<String, Object> kafka = SinkKafkaClients.base(bootstrapServers, kafkaClientConfig);
        DependencyWait.Policy policy = new DependencyWait.Policy(Duration.ofSeconds(10), startupWait);
        try {
            DependencyWait.await("Kafka", bootstrapServers, KafkaReachability.ADVICE
                    + " (--bootstrap-servers / KAFKA_BOOTSTRAP_SERVERS, --kafka-config)", policy,
                    KafkaReachability.check(bootstrapServers, kafka));
            // The templates are the first request: installing them is the check that Elasticsearch answers.
            DependencyWait.await("Elasticsearch", String.join(",", settings.urls().stream().map(Object::toString).toList()), "check that it is running and reachable"
                    + " from here, and --elasticsearch and its credentials", policy, () -> IndexTemplates.install(client));
        } catch (DependencyWait.DependencyUnavailableException e) {
            spec.commandLine().getErr().println("sink: " + e.getMessage());
            return 3;
        }
        SinkTopics topics = new SinkTopics(diagnosesTopic, anomaliesTopic, linksTopic, deadLetterTopic);
        ElasticsearchSink sink = new ElasticsearchSink(SinkKafkaClients.consumer(kafka, groupId),
                SinkKafkaClients.deadLetterProducer(kafka), client, SinkRoutes.standard(topics, SinkIndices.standard()),
                deadLetterTopic, SinkSettings.defaults());
        MetricsEndpoint metrics = null;
        if (metricsPort >= 0) {
            try {
                metrics = MetricsEndpoint.start(metricsBind, metricsPort, () -> SinkMetrics.prometheus(sink.stats()));
            } catch (IOException | RuntimeException e) {
                spec.commandLine().getErr().println("sink: cannot listen on " + metricsBind + ":" + metricsPort
                        + " (--metrics-bind, --metrics-port): " + e);
                return 2; // the process ends: nothing to close
            }
            log.info("Sink metrics at http://{}:{}/metrics", metricsBind, metrics.port());
        }
        MetricsEndpoint endpoint = metrics;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sink.close();
            if (endpoint != null) {
                endpoint.close();
            }
        }, "sink-shutdown"));
        log.info("Sinking {}, {}, {} into {}", diagnosesTopic, anomaliesTopic, linksTopic, settings);
        sink.run();
        return 0;
    }

    /** Checked before anything else happens (Elasticsearch is not touched when the file is wrong). */
    private Map<String, String> kafkaClientConfig() {
        try {
            return kafkaConfig == null ? Map.of() : KafkaClientConfigFile.load(kafkaConfig);
        } catch (KafkaClientConfigException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--kafka-config: " + e.getMessage());
        }
    }

    private ElasticsearchSettings validated() {
        try {
            return elasticsearch.settings();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
