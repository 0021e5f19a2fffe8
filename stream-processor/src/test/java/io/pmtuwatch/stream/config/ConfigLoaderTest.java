package io.pmtuwatch.stream.config;

import io.pmtuwatch.settings.Durations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.pmtuwatch.stream.metrics.PipelineMetrics;
import io.pmtuwatch.stream.topology.StreamsSettings;
import org.apache.kafka.streams.StreamsConfig;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private Path file(String text) throws IOException {
        Path file = dir.resolve("pmtu.conf");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void defaultsThenFileThenEnvironment() throws IOException {
        Path file = file("""
                # comment
                run.timeout = 90s
                kafka.bootstrap.servers = kafka:9092
                anomaly.flapping.window: 20m
                streams.consumer.session.timeout.ms = 6000
                """);
        ProcessorConfig config = ConfigLoader.load(Optional.of(file), Map.of("PMTU_RUN_TIMEOUT", "2m"));
        assertThat(config.topology().assembly().runTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.bootstrapServers()).isEqualTo("kafka:9092");
        assertThat(config.topology().anomalies().flappingWindow()).isEqualTo(Duration.ofMinutes(20));
        assertThat(config.topology().assembly().handshakeGrace()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.streamsOverrides()).containsEntry("consumer.session.timeout.ms", "6000");
    }

    @Test
    void thePreviousReleasesKafkaVariableStillReadsButThePmtuOneWins() {
        assertThat(ConfigLoader.load(Optional.empty(), Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092"))
                .bootstrapServers()).isEqualTo("kafka:9092");
        assertThat(ConfigLoader.load(Optional.empty(), Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
                "PMTU_KAFKA_BOOTSTRAP_SERVERS", "other:9093")).bootstrapServers()).isEqualTo("other:9093");
    }

    @Test
    void printingTheConfigurationHidesKafkaSecrets() throws IOException {
        Path clientConfig = dir.resolve("client.properties");
        Files.writeString(clientConfig, "security.protocol=SASL_SSL\n"
                + "sasl.jaas.config=x required username=\"u\" password=\"hunter2\";\n");
        ProcessorConfig config = ConfigLoader.load(Optional.of(file("kafka.config = " + clientConfig + "\n"
                + "streams.ssl.keystore.password = s3cret\n")), Map.of());

        assertThat(config.kafkaClientConfig()).containsEntry("security.protocol", "SASL_SSL");
        assertThat(config.toString()).contains("sasl.jaas.config=[hidden]").doesNotContain("hunter2")
                .doesNotContain("s3cret");
    }

    @Test
    void anUnknownKeyNamesTheLineAndTheLikelyKey() throws IOException {
        Path file = file("run.timeout = 90s\nrun.timout = 90s\n");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("pmtu.conf:2: unknown key 'run.timout' (did you mean 'run.timeout'?)");
    }

    @Test
    void aBadValueNamesItsOrigin() throws IOException {
        Path file = file("\n\nanomaly.link-drop.min-agents = many\n");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of()))
                .hasMessage("pmtu.conf:3: anomaly.link-drop.min-agents: not an integer: 'many'");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("PMTU_RUN_TIMEOUT", "soon")))
                .hasMessageStartingWith("environment variable PMTU_RUN_TIMEOUT: run.timeout: not a duration");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("PMTU_TOPIC_PARTITIONS", "0")))
                .hasMessageContaining("topic.partitions: 0 is outside [1, 10000]");
    }

    @Test
    void inconsistentValuesAreRejectedWithBothKeys() {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("PMTU_RUN_TIMEOUT", "100ms")))
                .hasMessageContaining("run.timeout (100ms) must not be shorter than run.handshake-grace (500ms)");
    }

    @Test
    void aRepeatedKeyIsAnError() throws IOException {
        Path file = file("run.timeout = 90s\nrun.timeout = 30s\n");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of()))
                .hasMessage("pmtu.conf:2: key 'run.timeout' already set on line 1");
    }

    @Test
    void durationsReadBackWhatTheyWrite() {
        for (String text : new String[] {"500ms", "90s", "10m", "1h", "2d"}) {
            assertThat(Durations.format(Durations.parse("x", text))).isEqualTo(text);
        }
    }

    @Test
    void anIsoDurationStillReadsForOneRelease() throws IOException {
        Path file = file("run.timeout = PT90S\n");
        assertThat(ConfigLoader.load(Optional.of(file), Map.of()).topology().assembly().runTimeout()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void theProcessingGuaranteeAndTheSessionTimeoutReachKafkaStreams() throws IOException {
        Properties defaults = StreamsSettings.of(ConfigLoader.load(Optional.empty(), Map.of()), new PipelineMetrics(),
                Optional.empty());
        assertThat(defaults).containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, "exactly_once_v2")
                .containsEntry("consumer.session.timeout.ms", 10_000).containsEntry("consumer.heartbeat.interval.ms", 3_333);
        Path file = file("processing.guarantee = at_least_once\ngroup.session-timeout = 6s\n");
        Properties chosen = StreamsSettings.of(ConfigLoader.load(Optional.of(file), Map.of()), new PipelineMetrics(),
                Optional.empty());
        assertThat(chosen).containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, "at_least_once")
                .containsEntry("consumer.session.timeout.ms", 6_000);
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("PMTU_PROCESSING_GUARANTEE", "at_most_once")))
                .hasMessageContaining("processing.guarantee: 'at_most_once' is not one of [EXACTLY_ONCE_V2, AT_LEAST_ONCE]");
    }
}
