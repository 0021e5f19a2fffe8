package io.pmtuwatch.stream.it;

import static io.pmtuwatch.stream.ObservationFixtures.PATH_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.serde.AvroSerdes;
import io.pmtuwatch.stream.DiagnosisRules;
import io.pmtuwatch.stream.ObservationFixtures;
import io.pmtuwatch.stream.config.ConfigException;
import io.pmtuwatch.stream.config.ProcessorConfig;
import io.pmtuwatch.stream.config.RawConfig;
import io.pmtuwatch.stream.config.Settings;
import io.pmtuwatch.stream.config.TopicNames;
import io.pmtuwatch.stream.app.ProcessorInstance;
import io.pmtuwatch.embedded.KafkaHarness;
import io.pmtuwatch.testsupport.TopicRecords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processor on a broker that wants SASL, configured only through {@code kafka.config}: it
 * creates its topics (the admin client authenticates too) and diagnoses a run.
 */
class SecuredKafkaProcessorTest {

    @TempDir
    Path dir;

    @Test
    void theClientConfigFileCarriesTopicCreationAndTheTopology() throws Exception {
        try (KafkaHarness.Secured kafka = KafkaHarness.startSaslPlain()) {
            Path clientConfig = Files.write(dir.resolve("client.properties"),
                    KafkaHarness.Secured.clientConfigLines(KafkaHarness.SASL_USER, KafkaHarness.SASL_PASSWORD));
            ProcessorConfig processor = ProcessorConfig.from(RawConfig.empty()
                    .with(Settings.BOOTSTRAP_SERVERS, kafka.bootstrapServers())
                    .with(Settings.KAFKA_CONFIG, clientConfig.toString())
                    .with(Settings.APPLICATION_ID, "secured")
                    .with(Settings.STATE_DIR, dir.resolve("state").toString())
                    .with(Settings.PARTITIONS, "1")
                    .with(Settings.QUERY_PORT, "-1"));
            TopicNames topics = processor.topology().topics();
            String runId = "secured-run";
            try (ProcessorInstance instance = ProcessorInstance.start(processor, DiagnosisRules.standard())) {
                publishRun(kafka, topics, runId);
                List<PathDiagnosis> diagnoses = TopicRecords.read(kafka.clientConfig(), topics.diagnoses(),
                        PathDiagnosis.class, 1, Duration.ofSeconds(60));
                assertThat(diagnoses).as("a diagnosis within 60 s").isNotEmpty();
                PathDiagnosis diagnosis = diagnoses.get(0);
                assertThat(diagnosis.getPathId()).isEqualTo(PATH_ID);
                assertThat(diagnosis.getRunId()).isEqualTo(runId);
                assertThat(diagnosis.getPmtu()).isEqualTo(1400);
            }
        }
    }

    @Test
    void aBadClientConfigFileNamesTheSettingAndTheLine() throws Exception {
        Path clientConfig = Files.write(dir.resolve("bad.properties"), List.of("security.protocol=SSL", "acks=1"));

        assertThatThrownBy(() -> ProcessorConfig.from(RawConfig.empty()
                .with(Settings.KAFKA_CONFIG.key(), clientConfig.toString(), "pmtu.conf:3")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("pmtu.conf:3: kafka.config: ")
                .hasMessageContaining("bad.properties line 2: acks cannot be set here");
    }

    private static void publishRun(KafkaHarness.Secured kafka, TopicNames topics, String runId) {
        Map<String, Object> props = new HashMap<>(kafka.clientConfig());
        props.put("acks", "all");
        Instant start = Instant.now();
        try (KafkaProducer<String, HandshakeObservation> handshakes = new KafkaProducer<>(props,
                new StringSerializer(), AvroSerdes.serializer(HandshakeObservation.class));
             KafkaProducer<String, HopObservation> hops = new KafkaProducer<>(props, new StringSerializer(),
                     AvroSerdes.serializer(HopObservation.class))) {
            handshakes.send(new ProducerRecord<>(topics.handshakeObservations(), PATH_ID,
                    ObservationFixtures.handshake(runId, start)));
            for (HopObservation hop : ObservationFixtures.hopsThrough1400Link(runId, start)) {
                hops.send(new ProducerRecord<>(topics.hopObservations(), PATH_ID, hop));
            }
        }
    }
}
