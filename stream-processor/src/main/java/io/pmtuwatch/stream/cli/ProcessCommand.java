package io.pmtuwatch.stream.cli;

import io.pmtuwatch.stream.DiagnosisRules;
import io.pmtuwatch.stream.config.TopologyConfig;
import io.pmtuwatch.stream.topology.DiagnosisTopology;
import io.pmtuwatch.stream.topology.StreamsSettings;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "process", mixinStandardHelpOptions = true,
        description = "Run the Kafka Streams topology: assemble probe runs, diagnose them, publish on pmtu.diagnoses.")
final class ProcessCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(ProcessCommand.class);

    @Option(names = "--bootstrap-servers", defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}",
            description = "Kafka bootstrap servers (env KAFKA_BOOTSTRAP_SERVERS). Default: ${DEFAULT-VALUE}")
    String bootstrapServers;

    @Option(names = "--application-id", defaultValue = "${env:PMTU_APPLICATION_ID:-" + StreamsSettings.DEFAULT_APPLICATION_ID + "}",
            description = "Kafka Streams application id (env PMTU_APPLICATION_ID). Default: ${DEFAULT-VALUE}")
    String applicationId;

    @Option(names = "--state-dir", defaultValue = "${env:PMTU_STATE_DIR:-/tmp/pmtu-streams}",
            description = "Local state directory (env PMTU_STATE_DIR). Default: ${DEFAULT-VALUE}")
    Path stateDir;

    @Option(names = "--run-timeout", defaultValue = "${env:PMTU_RUN_TIMEOUT:-PT60S}",
            description = "Diagnose a run without its last-in-run marker after this long (ISO-8601, env PMTU_RUN_TIMEOUT). Default: ${DEFAULT-VALUE}")
    Duration runTimeout;

    @Override
    public Integer call() throws InterruptedException {
        TopologyConfig config = TopologyConfig.defaults().withRunTimeout(runTimeout);
        KafkaStreams streams = new KafkaStreams(DiagnosisTopology.build(config, DiagnosisRules.standard()),
                StreamsSettings.of(bootstrapServers, applicationId, stateDir));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            streams.close(Duration.ofSeconds(30));
            stopped.countDown();
        }, "shutdown"));
        streams.setUncaughtExceptionHandler(e -> {
            log.error("Stream thread failed; replacing it", e);
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.start();
        log.info("Stream processor {} started against {}", applicationId, bootstrapServers);
        stopped.await();
        return 0;
    }
}
