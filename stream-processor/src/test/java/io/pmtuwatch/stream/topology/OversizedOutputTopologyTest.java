package io.pmtuwatch.stream.topology;

import io.pmtuwatch.schemas.Agent;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.Target;
import io.pmtuwatch.schemas.Transport;
import io.pmtuwatch.schemas.serde.AvroSerdes;
import io.pmtuwatch.stream.DiagnosisRules;
import io.pmtuwatch.stream.ObservationFixtures;
import io.pmtuwatch.stream.config.OutputLimits;
import io.pmtuwatch.stream.config.RawConfig;
import io.pmtuwatch.stream.config.Settings;
import io.pmtuwatch.stream.deadletter.DeadLetterHeaders;
import io.pmtuwatch.stream.deadletter.DeadLetterReason;
import io.pmtuwatch.stream.metrics.PipelineMetrics;
import io.pmtuwatch.stream.topology.internals.PathTracker;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An output larger than its topic takes ({@code max.message.bytes}) or than the producer sends
 * ({@code max.request.size}) is never sent: its source record is dead-lettered as OUTPUT_REJECTED
 * with the sizes named, a run closed by its timeout is dropped and dead-lettered once, and the
 * other runs are diagnosed. Compression is taken into account.
 */
class OversizedOutputTopologyTest {

    private static final Target TARGET = ObservationFixtures.target("10.61.0.1", Transport.UDP, 33434);
    private static final Instant T = TopologyFixture.WALL_START;

    @TempDir
    Path stateDir;

    private final Agent small = ObservationFixtures.agent("small");
    private final Agent huge = hugeAgent();
    private final List<HopObservation> before = ObservationFixtures.run(small, TARGET, "before", T, 1500);
    private final List<HopObservation> hugeRun = ObservationFixtures.run(huge, TARGET, "huge", T, 1500);
    private final List<HopObservation> after = ObservationFixtures.run(small, TARGET, "after", T.plusSeconds(1), 1500);

    private static Agent hugeAgent() {
        Agent agent = ObservationFixtures.agent("huge");
        agent.setLocation("rack " + "x".repeat(8000)); // carried by its diagnosis
        return agent;
    }

    @Test
    void aDiagnosisAboveTheTopicsLimitDeadLettersItsSourceRecordAndTheOtherRunsGoOn() {
        OutputLimits limits = new OutputLimits(OutputLimits.DEFAULT_MAX_REQUEST_SIZE, "none");
        try (TopologyFixture fx = new TopologyFixture(stateDir, RawConfig.empty(), DiagnosisRules.standard(), limits)) {
            limits.update(Map.of(fx.topics.diagnoses(), size(before) + 1000));
            pipeTheThreeRuns(fx);

            assertThat(fx.diagnoses()).extracting(PathDiagnosis::getRunId).containsExactly("before", "after");
            List<TestRecord<byte[], byte[]>> dead = fx.deadLetters.readRecordsToList();
            assertThat(dead).hasSize(1);
            assertThat(TopologyFixture.header(dead.get(0), DeadLetterHeaders.REASON))
                    .isEqualTo(DeadLetterReason.OUTPUT_REJECTED.name());
            assertThat(new String(dead.get(0).key(), StandardCharsets.UTF_8)).isEqualTo(hugeRun.get(0).getPathId());
            HopObservation source = AvroSerdes.deserializer(HopObservation.class).deserialize("x", dead.get(0).value());
            assertThat(source).as("the run's last hop, as it came in").isEqualTo(hugeRun.get(hugeRun.size() - 1));
            assertThat(TopologyFixture.header(dead.get(0), DeadLetterHeaders.MESSAGE)).contains(fx.topics.diagnoses())
                    .contains(hugeRun.get(0).getPathId()).contains("max.message.bytes of " + (size(before) + 1000))
                    .contains("not sent");
            assertThat(fx.metrics.get(PipelineMetrics.Counter.OUTPUTS_TOO_LARGE)).isEqualTo(1);
            assertTheStoresAgreeWithTheTopic(fx);
        }
    }

    @Test
    void aDiagnosisThatFitsOnceCompressedIsSent() {
        OutputLimits limits = new OutputLimits(OutputLimits.DEFAULT_MAX_REQUEST_SIZE, "lz4");
        try (TopologyFixture fx = new TopologyFixture(stateDir, RawConfig.empty(), DiagnosisRules.standard(), limits)) {
            limits.update(Map.of(fx.topics.diagnoses(), size(before) + 1000)); // 8000 x compress to a few bytes
            pipeTheThreeRuns(fx);

            assertThat(fx.diagnoses()).extracting(PathDiagnosis::getRunId).containsExactly("before", "huge", "after");
            assertThat(fx.deadLetters.isEmpty()).isTrue();
        }
    }

    @Test
    void aDiagnosisAboveTheProducersMaxRequestSizeIsNotSentWhateverTheCompression() {
        OutputLimits limits = new OutputLimits(size(before) + 1000, "lz4");
        try (TopologyFixture fx = new TopologyFixture(stateDir, RawConfig.empty(), DiagnosisRules.standard(), limits)) {
            pipeTheThreeRuns(fx);

            assertThat(fx.diagnoses()).extracting(PathDiagnosis::getRunId).containsExactly("before", "after");
            List<TestRecord<byte[], byte[]>> dead = fx.deadLetters.readRecordsToList();
            assertThat(dead).hasSize(1);
            assertThat(TopologyFixture.header(dead.get(0), DeadLetterHeaders.MESSAGE))
                    .contains("max.request.size of " + (size(before) + 1000));
        }
    }

    @Test
    void aTimedOutRunWhoseDiagnosisIsTooLargeIsDeadLetteredOnce() {
        OutputLimits limits = new OutputLimits(OutputLimits.DEFAULT_MAX_REQUEST_SIZE, "none");
        try (TopologyFixture fx = new TopologyFixture(stateDir, RawConfig.empty().with(Settings.RUN_TIMEOUT, "30s"),
                DiagnosisRules.standard(), limits)) {
            limits.update(Map.of(fx.topics.diagnoses(), size(before) + 1000));
            fx.pipe(hugeRun.subList(0, hugeRun.size() - 1)); // only the timeout closes it
            fx.pipe(before);
            for (int i = 0; i < 60; i++) {
                fx.driver.advanceWallClockTime(Duration.ofSeconds(1));
            }
            List<TestRecord<byte[], byte[]>> dead = fx.deadLetters.readRecordsToList();
            assertThat(dead).hasSize(1);
            assertThat(TopologyFixture.header(dead.get(0), DeadLetterHeaders.REASON))
                    .isEqualTo(DeadLetterReason.OUTPUT_REJECTED.name());
            assertThat(TopologyFixture.header(dead.get(0), DeadLetterHeaders.MESSAGE)).contains(fx.topics.diagnoses())
                    .contains(hugeRun.get(0).getPathId()).contains("not sent");

            fx.pipe(after);
            for (int i = 0; i < 60; i++) {
                fx.driver.advanceWallClockTime(Duration.ofSeconds(1));
            }
            assertThat(fx.diagnoses()).extracting(PathDiagnosis::getRunId).containsExactly("before", "after");
            assertThat(fx.deadLetters.isEmpty()).as("not dead-lettered again at later scans").isTrue();
            assertTheStoresAgreeWithTheTopic(fx);
        }
    }

    // A refused diagnosis reaches none of the steps after its output: the latest diagnosis (what /paths
    // serves) and the path's state are those of the diagnoses sent.
    private void assertTheStoresAgreeWithTheTopic(TopologyFixture fx) {
        KeyValueStore<String, PathDiagnosis> latest = fx.driver.getKeyValueStore(PathTracker.PATH_DIAGNOSES_STORE);
        assertThat(latest.get(hugeRun.get(0).getPathId())).as("the refused path's latest diagnosis").isNull();
        assertThat(fx.driver.getKeyValueStore(PathTracker.PATH_STATE_STORE).get(hugeRun.get(0).getPathId())).isNull();
        assertThat(latest.get(after.get(0).getPathId()).getRunId()).isEqualTo("after");
    }

    private static int size(List<HopObservation> run) {
        PathDiagnosis diagnosis = DiagnosisRules.standard().diagnose(run, Optional.empty(), true, null);
        return AvroSerdes.serializer(PathDiagnosis.class).serialize("d", diagnosis).length;
    }

    /** A normal run, the run whose diagnosis is too large, and a normal run after it, in that order. */
    private void pipeTheThreeRuns(TopologyFixture fx) {
        fx.pipe(before);
        fx.pipe(hugeRun);
        fx.pipe(after);
    }
}
