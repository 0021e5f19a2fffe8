package io.pmtuwatch.stream.it;

import io.pmtuwatch.embedded.KafkaHarness;
import io.pmtuwatch.stream.DiagnosisRules;
import io.pmtuwatch.stream.config.ProcessorConfig;
import io.pmtuwatch.stream.config.RawConfig;
import io.pmtuwatch.stream.config.Setting;
import io.pmtuwatch.stream.config.Settings;
import io.pmtuwatch.stream.metrics.PipelineMetrics;
import io.pmtuwatch.stream.topology.DiagnosisTopology;
import io.pmtuwatch.stream.topology.StreamsSettings;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.processor.internals.DefaultKafkaClientSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code pmtu-stream process} (its own JVM, the shipped logging) whose Kafka Streams stops for good:
 * another member of the same application fails and asks the whole application to shut down (Kafka
 * Streams' SHUTDOWN_APPLICATION), which puts every instance in state ERROR. The process says so in one
 * line and exits 1, so that a supervisor restarts it; it does not linger half-alive.
 */
class ProcessExitsOnStreamsErrorTest {

    @TempDir
    Path dir;

    @Test
    void kafkaStreamsInErrorEndsTheProcessWithExitOne() throws Exception {
        KafkaHarness kafka = KafkaHarness.shared();
        String suffix = Long.toString(System.nanoTime(), 36);
        Map<Setting<?>, String> settings = new LinkedHashMap<>();
        settings.put(Settings.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        settings.put(Settings.APPLICATION_ID, "exit-" + suffix);
        settings.put(Settings.PARTITIONS, "2");
        settings.put(Settings.HOP_TOPIC, "hops." + suffix);
        settings.put(Settings.HANDSHAKE_TOPIC, "handshakes." + suffix);
        settings.put(Settings.DIAGNOSES_TOPIC, "diagnoses." + suffix);
        settings.put(Settings.ANOMALIES_TOPIC, "anomalies." + suffix);
        settings.put(Settings.LINKS_TOPIC, "links." + suffix);
        settings.put(Settings.DEAD_LETTER_TOPIC, "dead." + suffix);
        settings.put(Settings.QUERY_PORT, "-1");
        Path config = dir.resolve("pmtu.conf");
        StringBuilder lines = new StringBuilder("state.dir = " + dir.resolve("child-state") + "\n");
        settings.forEach((setting, value) -> lines.append(setting.key()).append(" = ").append(value).append('\n'));
        Files.writeString(config, lines);

        Path log = dir.resolve("process.log");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "-Xmx384m", "-Dlogback.configurationFile=logback.xml",
                "-cp", System.getProperty("java.class.path"), "io.pmtuwatch.stream.cli.StreamMain", "process",
                "--config", config.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        AtomicBoolean failNextPoll = new AtomicBoolean();
        KafkaStreams other = null;
        try {
            await().atMost(Duration.ofSeconds(120)).until(() -> Files.readString(log).contains("-> RUNNING"));

            RawConfig raw = RawConfig.empty().with(Settings.STATE_DIR, dir.resolve("other-state").toString());
            settings.forEach((setting, value) -> raw.with(setting, value));
            other = otherMember(ProcessorConfig.from(raw), failNextPoll);
            other.start();
            KafkaStreams member = other;
            await().atMost(Duration.ofSeconds(120)).until(() -> member.state() == KafkaStreams.State.RUNNING);
            failNextPoll.set(true);

            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("it exits on its own").isTrue();
            String output = Files.readString(log);
            assertThat(process.exitValue()).as(output).isEqualTo(1);
            assertThat(output).contains("Kafka Streams stopped for good").contains("ERROR")
                    .contains("exiting with status 1");
        } finally {
            process.destroyForcibly();
            if (other != null) {
                other.close(CloseOptions.timeout(Duration.ofSeconds(10))
                        .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
            }
        }
    }

    /**
     * A second member of the application whose stream thread fails once (its consumer throws) and
     * whose handler then asks every member of the application to shut down.
     */
    private static KafkaStreams otherMember(ProcessorConfig config, AtomicBoolean failNextPoll) {
        PipelineMetrics metrics = new PipelineMetrics();
        KafkaStreams streams = new KafkaStreams(DiagnosisTopology.build(config.topology(), DiagnosisRules.standard(), metrics),
                StreamsSettings.of(config, metrics, Optional.empty()), new DefaultKafkaClientSupplier() {
                    @Override
                    public Consumer<byte[], byte[]> getConsumer(Map<String, Object> consumerConfig) {
                        return new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer()) {
                            @Override
                            public ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
                                if (failNextPoll.compareAndSet(true, false)) {
                                    throw new IllegalStateException("this member fails on purpose");
                                }
                                return super.poll(timeout);
                            }
                        };
                    }
                });
        streams.setUncaughtExceptionHandler(e -> StreamThreadExceptionResponse.SHUTDOWN_APPLICATION);
        return streams;
    }
}
