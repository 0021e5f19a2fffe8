package io.pmtuwatch.stream.it;

import io.pmtuwatch.schemas.Agent;
import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.serde.AvroSerdes;
import io.pmtuwatch.stream.DiagnosisRules;
import io.pmtuwatch.stream.ObservationFixtures;
import io.pmtuwatch.stream.config.ProcessorConfig;
import io.pmtuwatch.stream.config.RawConfig;
import io.pmtuwatch.stream.config.Settings;
import io.pmtuwatch.stream.config.TopicNames;
import io.pmtuwatch.stream.deadletter.DeadLetterHeaders;
import io.pmtuwatch.stream.deadletter.DeadLetterReason;
import io.pmtuwatch.stream.metrics.PipelineMetrics;
import io.pmtuwatch.stream.app.ProcessorInstance;
import io.pmtuwatch.embedded.KafkaHarness;
import io.pmtuwatch.testsupport.TopicRecords;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Skewed clocks against a real broker that refuses timestamps more than an hour off (topic setting
 * {@code message.timestamp.after.max.ms} / {@code before.max.ms}, as a hardened broker would): an
 * observation two hours ahead is dead-lettered without stopping anything; one three hours behind
 * (within the past tolerance) is diagnosed, its diagnosis accepted by the broker; one older than the
 * past tolerance is dead-lettered; a run of another path behind the bad records is diagnosed.
 */
class SkewedClockBrokerTest {

    private static final String HOUR_MS = Long.toString(Duration.ofHours(1).toMillis());

    @TempDir
    Path stateDir;

    @Test
    void skewedObservationsNeitherStopTheProcessorNorReachTheBroker() throws Exception {
        KafkaHarness kafka = KafkaHarness.shared();
        RawConfig raw = IsolatedConfig.on(kafka, "skew", stateDir, 1)
                .with(Settings.QUERY_PORT, "-1")
                .with(Settings.TIME_PAST_TOLERANCE, "1d")
                // the same limit on the internal (changelog, repartition) topics Kafka Streams creates
                .with(Settings.STREAMS_PASSTHROUGH_PREFIX + "topic.message.timestamp.after.max.ms", HOUR_MS, "test")
                .with(Settings.STREAMS_PASSTHROUGH_PREFIX + "topic.message.timestamp.before.max.ms", HOUR_MS, "test");
        ProcessorConfig config = ProcessorConfig.from(raw);
        TopicNames topics = config.topology().topics();
        createTopicsWithTimestampLimits(kafka, topics);

        Instant now = Instant.now();
        Agent skewedAhead = ObservationFixtures.agent("clock-ahead");
        Agent replaying = ObservationFixtures.agent("replaying");
        Agent fine = ObservationFixtures.agent("clock-fine");
        List<HopObservation> ahead = ObservationFixtures.run(skewedAhead, ObservationFixtures.TARGET, "run-ahead",
                now.plus(Duration.ofHours(2)), 1400);
        List<HopObservation> behind = ObservationFixtures.run(replaying, ObservationFixtures.TARGET, "run-behind",
                now.minus(Duration.ofHours(3)), 1400);
        HopObservation ancient = ObservationFixtures.run(replaying, ObservationFixtures.TARGET, "run-ancient",
                now.minus(Duration.ofDays(3)), 1400).get(0);
        List<HopObservation> ok = ObservationFixtures.run(fine, ObservationFixtures.TARGET, "run-ok", now, 1400);

        try (ProcessorInstance instance = ProcessorInstance.start(config, DiagnosisRules.standard())) {
            // In order on the one partition: the bad ones first, so the good ones queue behind them.
            publish(kafka, topics, ahead, ObservationFixtures.handshake(skewedAhead, ObservationFixtures.TARGET, "run-ahead",
                    now.plus(Duration.ofHours(2))));
            publish(kafka, topics, List.of(ancient), null);
            publish(kafka, topics, behind, ObservationFixtures.handshake(replaying, ObservationFixtures.TARGET, "run-behind",
                    now.minus(Duration.ofHours(3))));
            publish(kafka, topics, ok, ObservationFixtures.handshake(fine, ObservationFixtures.TARGET, "run-ok", now));

            List<PathDiagnosis> diagnoses = TopicRecords.read(kafka.clientConfig(), topics.diagnoses(), PathDiagnosis.class,
                    2, Duration.ofSeconds(90));
            assertThat(diagnoses).extracting(PathDiagnosis::getRunId).containsExactlyInAnyOrder("run-behind", "run-ok");

            int expectedDead = ahead.size() + 1 + 1; // the run ahead with its handshake, the ancient hop
            List<ConsumerRecord<byte[], byte[]>> dead = TopicRecords.readRaw(kafka.clientConfig(), topics.deadLetter(),
                    expectedDead, Duration.ofSeconds(60));
            assertThat(dead).hasSize(expectedDead);
            assertThat(dead).extracting(r -> TopicRecords.header(r, DeadLetterHeaders.REASON))
                    .containsOnly(DeadLetterReason.EVENT_TIME_IN_FUTURE.name(), DeadLetterReason.EVENT_TIME_TOO_OLD.name())
                    .filteredOn(DeadLetterReason.EVENT_TIME_TOO_OLD.name()::equals).hasSize(1);
            assertThat(instance.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
            assertThat(instance.metrics().get(PipelineMetrics.Counter.OUTPUTS_REFUSED)).as("nothing refused by the broker")
                    .isZero();
        }
    }

    private static void createTopicsWithTimestampLimits(KafkaHarness kafka, TopicNames topics) throws Exception {
        Map<String, String> limits = Map.of("message.timestamp.after.max.ms", HOUR_MS,
                "message.timestamp.before.max.ms", HOUR_MS);
        List<NewTopic> created = new ArrayList<>();
        for (String name : List.of(topics.hopObservations(), topics.handshakeObservations(), topics.diagnoses(),
                topics.anomalies(), topics.deadLetter())) {
            created.add(new NewTopic(name, 1, (short) 1).configs(limits));
        }
        Map<String, String> compacted = new java.util.HashMap<>(limits);
        compacted.put("cleanup.policy", "compact");
        created.add(new NewTopic(topics.links(), 1, (short) 1).configs(compacted));
        kafka.adminClient().createTopics(created).all().get();
    }

    // Records stamped by the producer's (good) clock, as a replay or an agent whose observation time is off would be.
    private static void publish(KafkaHarness kafka, TopicNames topics, List<HopObservation> hops,
                                HandshakeObservation handshake) {
        Properties props = new Properties();
        props.putAll(kafka.clientConfig());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            if (handshake != null) {
                producer.send(new ProducerRecord<>(topics.handshakeObservations(), handshake.getPathId(),
                        AvroSerdes.serializer(HandshakeObservation.class).serialize(topics.handshakeObservations(), handshake)));
            }
            for (HopObservation hop : hops) {
                producer.send(new ProducerRecord<>(topics.hopObservations(), hop.getPathId(),
                        AvroSerdes.serializer(HopObservation.class).serialize(topics.hopObservations(), hop)));
            }
        }
    }
}
