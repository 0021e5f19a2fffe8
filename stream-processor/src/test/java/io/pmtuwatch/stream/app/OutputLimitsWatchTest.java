package io.pmtuwatch.stream.app;

import io.pmtuwatch.embedded.KafkaHarness;
import io.pmtuwatch.stream.config.OutputLimits;
import io.pmtuwatch.stream.config.ProcessorConfig;
import io.pmtuwatch.stream.config.RawConfig;
import io.pmtuwatch.stream.config.Settings;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The output topics' limits as a real broker reports them: a topic's own {@code max.message.bytes} or
 * the broker's default, read at start and again after an operator changed it; a topic's own
 * {@code compression.type} with its level; the producer's own
 * settings as Kafka Streams resolves them ("producer." before plain).
 */
class OutputLimitsWatchTest {

    @Test
    void readsEachTopicsLimitAndReadsItAgainAfterAChange() throws Exception {
        KafkaHarness kafka = KafkaHarness.shared();
        String suffix = Long.toString(System.nanoTime(), 36);
        ProcessorConfig config = ProcessorConfig.from(RawConfig.empty()
                .with(Settings.BOOTSTRAP_SERVERS, kafka.bootstrapServers())
                .with(Settings.DIAGNOSES_TOPIC, "diagnoses." + suffix)
                .with(Settings.ANOMALIES_TOPIC, "anomalies." + suffix)
                .with(Settings.LINKS_TOPIC, "links." + suffix));
        kafka.adminClient().createTopics(List.of(
                new NewTopic("diagnoses." + suffix, 1, (short) 1).configs(Map.of("max.message.bytes", "5000",
                        "compression.type", "gzip", "compression.gzip.level", "5")),
                new NewTopic("anomalies." + suffix, 1, (short) 1),
                new NewTopic("links." + suffix, 1, (short) 1))).all().get();
        Properties producer = new Properties();
        producer.put("producer.compression.type", "zstd");
        producer.put("compression.type", "gzip");
        producer.put("max.request.size", "200000");

        try (OutputLimitsWatch watch = OutputLimitsWatch.start(config, producer)) {
            OutputLimits limits = watch.limits();
            assertThat(limits.topicLimit("diagnoses." + suffix)).isEqualTo(OptionalInt.of(5000));
            assertThat(limits.topicLimit("anomalies." + suffix)).as("the broker's default").hasValue(
                    Integer.parseInt(kafka.adminClient().describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC,
                            "anomalies." + suffix))).all().get().values().iterator().next().get("max.message.bytes").value()));
            assertThat(limits.compression()).isEqualTo("zstd");
            assertThat(limits.storedCompression("diagnoses." + suffix)).as("the topic's own")
                    .isEqualTo(new OutputLimits.Codec("gzip", 5));
            assertThat(limits.storedCompression("anomalies." + suffix)).as("the broker's default: the producer's")
                    .isEqualTo(new OutputLimits.Codec("zstd", null));
            assertThat(limits.maxRequestSize()).isEqualTo(200_000);

            kafka.adminClient().incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, "diagnoses." + suffix),
                    List.of(new AlterConfigOp(new ConfigEntry("max.message.bytes", "7000"), AlterConfigOp.OpType.SET))))
                    .all().get();
            // The broker applies an altered config a moment after the controller took it: read until it shows.
            await().atMost(Duration.ofSeconds(30)).until(() -> watch.refresh()
                    && limits.topicLimit("diagnoses." + suffix).equals(OptionalInt.of(7000)));
        }
    }
}
