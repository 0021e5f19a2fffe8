package io.pmtuwatch.stream.it;

import io.pmtuwatch.embedded.KafkaHarness;
import io.pmtuwatch.schemas.Agent;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.Target;
import io.pmtuwatch.schemas.Transport;
import io.pmtuwatch.schemas.serde.AvroSerdes;
import io.pmtuwatch.stream.DiagnosisRules;
import io.pmtuwatch.stream.ObservationFixtures;
import io.pmtuwatch.stream.app.ProcessorInstance;
import io.pmtuwatch.stream.config.ProcessorConfig;
import io.pmtuwatch.stream.config.RawConfig;
import io.pmtuwatch.stream.config.Settings;
import io.pmtuwatch.stream.config.TopicNames;
import io.pmtuwatch.stream.deadletter.DeadLetterHeaders;
import io.pmtuwatch.stream.deadletter.DeadLetterReason;
import io.pmtuwatch.stream.metrics.PipelineMetrics;
import io.pmtuwatch.testsupport.TopicRecords;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An output the broker would refuse for good (the diagnoses topic's {@code max.message.bytes} is below
 * the diagnosis of an agent with an 8 kB location). The processor reads the topic's limit at start-up
 * and never sends the oversized record, so the exactly-once transaction is never poisoned (a refused
 * send makes Kafka Streams fail the transaction's other sends too, changelogs and dead letters
 * included): the run's last observation is dead-lettered as OUTPUT_REJECTED at once, the other path's
 * runs, before and after it on the same partition, are diagnosed within seconds, no stream thread
 * fails and /health stays UP.
 */
class OutputRejectedBrokerTest {

    private static final Target TARGET = ObservationFixtures.target("10.60.0.1", Transport.UDP, 33434);
    /** Well above a diagnosis' latency here (a second or two), far below the minutes of a poisoned transaction. */
    private static final Duration PROMPTLY = Duration.ofSeconds(30);

    @TempDir
    Path stateDir;

    @Test
    void anOutputTheBrokerWouldRefuseIsDeadLetteredBeforeItIsSentAndTheOtherPathsGoOn() throws Exception {
        KafkaHarness kafka = KafkaHarness.shared();
        ProcessorConfig config = config(kafka);
        TopicNames topics = config.topology().topics();
        Instant now = Instant.now();
        Agent small = ObservationFixtures.agent("small");
        Agent huge = ObservationFixtures.agent("huge");
        huge.setLocation("rack " + "x".repeat(8000)); // carried by its diagnosis
        List<HopObservation> before = ObservationFixtures.run(small, TARGET, "before", now, 1500);
        List<HopObservation> hugeRun = ObservationFixtures.run(huge, TARGET, "huge", now, 1500);
        List<HopObservation> after = ObservationFixtures.run(small, TARGET, "after", now.plusSeconds(1), 1500);
        int smallSize = size(before);
        int hugeSize = size(hugeRun);
        assertThat(hugeSize).as("the huge diagnosis is far above the small one").isGreaterThan(smallSize + 4000);
        createDiagnosesTopic(kafka, topics, smallSize + 1000);

        try (ProcessorInstance instance = ProcessorInstance.start(config, DiagnosisRules.standard())) {
            await().atMost(Duration.ofSeconds(120)).until(() -> instance.streams().state() == KafkaStreams.State.RUNNING);
            long published = System.nanoTime();
            HopPublisher.publish(kafka, topics, before);
            HopPublisher.publish(kafka, topics, hugeRun);
            HopPublisher.publish(kafka, topics, after);

            List<PathDiagnosis> diagnoses = TopicRecords.read(kafka.clientConfig(), topics.diagnoses(), PathDiagnosis.class,
                    2, PROMPTLY);
            Duration took = Duration.ofNanos(System.nanoTime() - published);
            assertThat(diagnoses).as("the other path's runs, within %s", PROMPTLY).extracting(PathDiagnosis::getRunId)
                    .containsExactly("before", "after");

            List<ConsumerRecord<byte[], byte[]>> dead = TopicRecords.readRaw(kafka.clientConfig(), topics.deadLetter(), 1,
                    PROMPTLY);
            assertThat(dead).hasSize(1);
            assertThat(TopicRecords.header(dead.get(0), DeadLetterHeaders.REASON)).isEqualTo(DeadLetterReason.OUTPUT_REJECTED.name());
            assertThat(new String(dead.get(0).key(), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(hugeRun.get(0).getPathId());
            assertThat(TopicRecords.header(dead.get(0), DeadLetterHeaders.MESSAGE)).contains(topics.diagnoses())
                    .contains("max.message.bytes of " + (smallSize + 1000)).contains("not sent");
            assertThat(instance.metrics().get(PipelineMetrics.Counter.OUTPUTS_TOO_LARGE)).isGreaterThanOrEqualTo(1);
            assertThat(instance.metrics().get(PipelineMetrics.Counter.OUTPUTS_REFUSED)).as("nothing sent was refused").isZero();
            assertThat(instance.health().threadFailures()).isZero();
            assertThat(instance.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
            assertThat(instance.health().healthy()).isTrue();
            LoggerFactory.getLogger(OutputRejectedBrokerTest.class).info("Both diagnoses of the other path within {} ms",
                    took.toMillis());
        }
    }

    private ProcessorConfig config(KafkaHarness kafka) {
        RawConfig raw = IsolatedConfig.on(kafka, "refused", stateDir, 1)
                .with(Settings.QUERY_PORT, "-1")
                .with(Settings.RUN_TIMEOUT, "5s")
                // sizes as the broker sees them, so the limit below separates the two runs' diagnoses
                .with(Settings.STREAMS_PASSTHROUGH_PREFIX + "producer.compression.type", "none", "test");
        return ProcessorConfig.from(raw);
    }

    /** The diagnoses topic refuses records larger than the small path's diagnosis plus 1000 bytes. */
    private static void createDiagnosesTopic(KafkaHarness kafka, TopicNames topics, int limit) throws Exception {
        kafka.adminClient().createTopics(List.of(new NewTopic(topics.diagnoses(), 1, (short) 1)
                .configs(Map.of("max.message.bytes", Integer.toString(limit))))).all().get();
    }

    /**
     * The oversized run lacks its last hop: only the run-timeout punctuation closes it, and its
     * (incomplete) diagnosis has no source record. It is dropped and dead-lettered once, with the
     * topic and path named; nothing is sent, nothing retried.
     */
    @Test
    void anOversizedOutputOfAPunctuationIsDroppedAndDeadLetteredOnce() throws Exception {
        KafkaHarness kafka = KafkaHarness.shared();
        ProcessorConfig config = config(kafka);
        TopicNames topics = config.topology().topics();
        Instant now = Instant.now();
        Agent small = ObservationFixtures.agent("small");
        Agent huge = ObservationFixtures.agent("huge");
        huge.setLocation("rack " + "x".repeat(8000));
        List<HopObservation> hugeRun = ObservationFixtures.run(huge, TARGET, "huge", now, 1500);
        List<HopObservation> before = ObservationFixtures.run(small, TARGET, "before", now, 1500);
        List<HopObservation> after = ObservationFixtures.run(small, TARGET, "after", now.plusSeconds(1), 1500);
        createDiagnosesTopic(kafka, topics, size(before) + 1000);

        try (ProcessorInstance instance = ProcessorInstance.start(config, DiagnosisRules.standard())) {
            HopPublisher.publish(kafka, topics, before);
            HopPublisher.publish(kafka, topics, hugeRun.subList(0, hugeRun.size() - 1));
            HopPublisher.publish(kafka, topics, after);

            List<ConsumerRecord<byte[], byte[]>> dead = TopicRecords.readRaw(kafka.clientConfig(), topics.deadLetter(), 1,
                    Duration.ofSeconds(180));
            assertThat(dead).hasSize(1);
            assertThat(TopicRecords.header(dead.get(0), DeadLetterHeaders.REASON)).isEqualTo(DeadLetterReason.OUTPUT_REJECTED.name());
            assertThat(TopicRecords.header(dead.get(0), DeadLetterHeaders.MESSAGE)).contains(topics.diagnoses())
                    .contains(hugeRun.get(0).getPathId()).contains("not sent");
            List<PathDiagnosis> diagnoses = TopicRecords.read(kafka.clientConfig(), topics.diagnoses(), PathDiagnosis.class,
                    2, Duration.ofSeconds(60));
            assertThat(diagnoses).extracting(PathDiagnosis::getRunId).containsExactly("before", "after");
            await().atMost(Duration.ofSeconds(60)).until(() -> instance.streams().state() == KafkaStreams.State.RUNNING);
            Thread.sleep(10_000); // several run scans later: no more dead letters
            assertThat(instance.metrics().get(PipelineMetrics.Counter.OUTPUTS_REFUSED)).as("nothing sent was refused").isZero();
            assertThat(instance.metrics().get(PipelineMetrics.Counter.OUTPUTS_TOO_LARGE)).isGreaterThanOrEqualTo(1);
            assertThat(TopicRecords.readRaw(kafka.clientConfig(), topics.deadLetter(), 2, Duration.ofSeconds(3))).hasSize(1);
            assertThat(instance.health().healthy()).isTrue();
        }
    }

    private static int size(List<HopObservation> run) {
        PathDiagnosis diagnosis = DiagnosisRules.standard().diagnose(run, Optional.empty(), true, null);
        return AvroSerdes.serializer(PathDiagnosis.class).serialize("d", diagnosis).length;
    }
}
