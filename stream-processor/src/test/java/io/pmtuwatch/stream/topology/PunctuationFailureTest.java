package io.pmtuwatch.stream.topology;

import io.pmtuwatch.schemas.Agent;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.Target;
import io.pmtuwatch.schemas.Transport;
import io.pmtuwatch.stream.DiagnosisRules;
import io.pmtuwatch.stream.ObservationFixtures;
import io.pmtuwatch.stream.config.RawConfig;
import io.pmtuwatch.stream.config.Settings;
import io.pmtuwatch.stream.deadletter.DeadLetterHeaders;
import io.pmtuwatch.stream.deadletter.DeadLetterReason;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A wall-clock punctuation that throws (here: diagnosing a timed-out run fails) neither stops the
 * stream thread nor comes back at every scan: the failure is dead-lettered once as PROCESSING_FAILED
 * (no source record: a punctuation has none), the run is not tried again, and the runs due after it,
 * in the same scan or later ones, are diagnosed.
 */
class PunctuationFailureTest {

    private static final Target UDP_TARGET = ObservationFixtures.target("10.50.0.1", Transport.UDP, 33434);
    private static final RunDiagnoser FAILS_ON_POISON = (hops, handshake, complete, reason) -> {
        if (hops.stream().anyMatch(h -> "poison".equals(h.getRunId()))) {
            throw new IllegalStateException("diagnosis bug triggered by run poison");
        }
        return DiagnosisRules.standard().diagnose(hops, handshake, complete, reason);
    };

    @TempDir
    Path stateDir;

    @Test
    void aThrowingPunctuationIsDeadLetteredOnceAndTheOtherRunsAreStillDiagnosed() {
        try (TopologyFixture fx = new TopologyFixture(stateDir, RawConfig.empty().with(Settings.RUN_TIMEOUT, "30s"),
                FAILS_ON_POISON)) {
            Instant t = TopologyFixture.WALL_START;
            Agent a = ObservationFixtures.agent("agent-a");
            Agent b = ObservationFixtures.agent("agent-b");
            // Both runs lack their last hop: only the run-timeout punctuation can close them, poison first.
            fx.pipe(withoutLastHop(ObservationFixtures.run(a, UDP_TARGET, "poison", t, 1400)));
            fx.pipe(withoutLastHop(ObservationFixtures.run(b, UDP_TARGET, "fine-1", t.plusMillis(10), 1400)));

            for (int i = 0; i < 60; i++) {
                fx.driver.advanceWallClockTime(Duration.ofSeconds(1));
            }
            List<TestRecord<byte[], byte[]>> dead = fx.deadLetters.readRecordsToList();
            assertThat(dead).as("the failure, once").hasSize(1);
            assertThat(TopologyFixture.header(dead.get(0), DeadLetterHeaders.REASON))
                    .isEqualTo(DeadLetterReason.PROCESSING_FAILED.name());
            assertThat(TopologyFixture.header(dead.get(0), DeadLetterHeaders.MESSAGE)).contains("run poison");
            assertThat(fx.diagnoses()).extracting(PathDiagnosis::getRunId).containsExactly("fine-1");

            // Later runs of both paths, and another run that only a punctuation closes, go through.
            Instant later = t.plusSeconds(120);
            fx.pipe(ObservationFixtures.run(a, UDP_TARGET, "after", later, 1400));
            fx.pipe(withoutLastHop(ObservationFixtures.run(b, UDP_TARGET, "fine-2", later, 1400)));
            for (int i = 0; i < 60; i++) {
                fx.driver.advanceWallClockTime(Duration.ofSeconds(1));
            }
            assertThat(fx.diagnoses()).extracting(PathDiagnosis::getRunId).containsExactlyInAnyOrder("after", "fine-2");
            assertThat(fx.deadLetters.isEmpty()).as("the failed run is not retried at every scan").isTrue();
            assertThat(fx.metrics.deadLettersByReason()).containsEntry(DeadLetterReason.PROCESSING_FAILED.name(), 1L);
        }
    }

    private static List<HopObservation> withoutLastHop(List<HopObservation> run) {
        return run.subList(0, run.size() - 1);
    }
}
