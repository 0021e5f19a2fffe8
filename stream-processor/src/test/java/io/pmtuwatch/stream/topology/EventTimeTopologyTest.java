package io.pmtuwatch.stream.topology;

import io.pmtuwatch.schemas.Agent;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.stream.ObservationFixtures;
import io.pmtuwatch.stream.config.RawConfig;
import io.pmtuwatch.stream.config.Settings;
import io.pmtuwatch.stream.deadletter.DeadLetterHeaders;
import io.pmtuwatch.stream.deadletter.DeadLetterReason;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Observations timestamped too far from the processor's clock, either way, are dead-lettered with
 * the reason and their timestamp; other paths go on; every output carries the processor's clock.
 * (Against a real broker with a timestamp limit: SkewedClockBrokerTest.)
 */
class EventTimeTopologyTest {

    private static final Instant NOW = TopologyFixture.WALL_START;

    @TempDir
    Path stateDir;

    private TopologyFixture fx;

    @BeforeEach
    void start() {
        fx = new TopologyFixture(stateDir, RawConfig.empty().with(Settings.TIME_FUTURE_TOLERANCE, "5m")
                .with(Settings.TIME_PAST_TOLERANCE, "1d"));
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void aRunTwoHoursAheadIsDeadLetteredAndAnotherAgentsRunIsDiagnosedAtTheProcessorsTime() {
        Agent skewed = ObservationFixtures.agent("skewed-agent");
        List<HopObservation> ahead = ObservationFixtures.run(skewed, ObservationFixtures.TARGET, "run-ahead",
                NOW.plus(Duration.ofHours(2)), 1400);
        fx.pipe(ahead);

        List<HopObservation> fine = ObservationFixtures.run(ObservationFixtures.AGENT, ObservationFixtures.TARGET, "run-ok",
                NOW.minusSeconds(1), 1400);
        fx.handshakes.pipeInput(ObservationFixtures.PATH_ID, ObservationFixtures.handshake("run-ok", NOW.minusSeconds(1)));
        fx.pipe(fine);

        List<TestRecord<byte[], byte[]>> dead = fx.deadLetters.readRecordsToList();
        assertThat(dead).hasSize(ahead.size()).allSatisfy(letter -> {
            assertThat(TopologyFixture.header(letter, DeadLetterHeaders.REASON))
                    .isEqualTo(DeadLetterReason.EVENT_TIME_IN_FUTURE.name());
            assertThat(TopologyFixture.header(letter, DeadLetterHeaders.MESSAGE)).contains("skewed-agent").contains("2 h");
        });
        assertThat(fx.metrics.deadLettersByReason()).containsEntry(DeadLetterReason.EVENT_TIME_IN_FUTURE.name(),
                (long) ahead.size());

        TestRecord<String, PathDiagnosis> diagnosis = fx.diagnoses.readRecord();
        assertThat(diagnosis.value().getRunId()).isEqualTo("run-ok");
        assertThat(diagnosis.getRecordTime()).as("outputs carry the processor's clock").isEqualTo(NOW);
        assertThat(fx.diagnoses.isEmpty()).isTrue();
    }

    @Test
    void anObservationOlderThanThePastToleranceIsDeadLettered() {
        HopObservation old = ObservationFixtures.hopsThrough1400Link("run-old", NOW.minus(Duration.ofDays(3))).get(0);
        fx.hops.pipeInput(old.getPathId(), old);
        TestRecord<byte[], byte[]> letter = fx.deadLetters.readRecord();
        assertThat(TopologyFixture.header(letter, DeadLetterHeaders.REASON)).isEqualTo(DeadLetterReason.EVENT_TIME_TOO_OLD.name());
        assertThat(TopologyFixture.header(letter, DeadLetterHeaders.MESSAGE)).contains("3 d").contains("time.past-tolerance");
        assertThat(letter.getRecordTime()).as("the dead letter is stamped when written").isAfter(NOW.minusSeconds(1));
    }

    @Test
    void withinTheToleranceAnObservationAheadIsDiagnosed() {
        Instant slightlyAhead = NOW.plus(Duration.ofMinutes(4));
        fx.handshakes.pipeInput(ObservationFixtures.PATH_ID, ObservationFixtures.handshake("run-1", slightlyAhead));
        fx.pipe(ObservationFixtures.hopsThrough1400Link("run-1", slightlyAhead));
        assertThat(fx.deadLetters.isEmpty()).isTrue();
        assertThat(fx.diagnoses()).singleElement().satisfies(d -> assertThat(d.getComplete()).isTrue());
    }
}
