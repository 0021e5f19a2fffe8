package io.pmtuwatch.stream.topology;

import io.pmtuwatch.schemas.Agent;
import io.pmtuwatch.schemas.FindingCode;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.Severity;
import io.pmtuwatch.schemas.Target;
import io.pmtuwatch.schemas.Transport;
import io.pmtuwatch.stream.ObservationFixtures;
import io.pmtuwatch.stream.config.RawConfig;
import io.pmtuwatch.stream.config.Settings;
import io.pmtuwatch.stream.metrics.PipelineMetrics.Counter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static io.pmtuwatch.stream.ObservationFixtures.PATH_ID;
import static org.assertj.core.api.Assertions.assertThat;

/** Run assembly and the join with handshakes, through the whole topology. */
class DiagnosisTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    @TempDir
    Path stateDir;

    private TopologyFixture fx;

    @BeforeEach
    void start() {
        fx = new TopologyFixture(stateDir, RawConfig.empty()
                // event times here span days from a fixed wall clock: the time check has its own tests
                .with(Settings.TIME_FUTURE_TOLERANCE, "3650d").with(Settings.RUN_TIMEOUT, "30s")
                .with(Settings.PASSIVE_HANDSHAKE_WINDOW, "2m"));
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void diagnosesARunWhenItsMarkerAndHandshakeHaveArrived() {
        fx.handshakes.pipeInput(PATH_ID, ObservationFixtures.handshake("run-1", T0));
        List<HopObservation> run = ObservationFixtures.hopsThrough1400Link("run-1", T0);
        for (int i = 0; i < run.size() - 1; i++) {
            fx.hops.pipeInput(PATH_ID, run.get(i));
            assertThat(fx.diagnoses.isEmpty()).as("no diagnosis before the last observation").isTrue();
        }
        fx.hops.pipeInput(PATH_ID, run.get(run.size() - 1));

        PathDiagnosis d = fx.diagnoses.readValue();
        assertThat(d.getPathId()).isEqualTo(PATH_ID);
        assertThat(d.getPmtu()).isEqualTo(1400);
        assertThat(d.getMss().getEffective()).isEqualTo(1360);
        assertThat(d.getComplete()).isTrue();
        assertThat(d.getFindings()).extracting(f -> f.getCode()).contains(FindingCode.OVERSIZED_MSS);
        assertThat(fx.diagnoses.isEmpty()).isTrue();
    }

    @Test
    void eachDiagnosisSaysSinceWhenThePathHasHadItsStatus() {
        int[] linkMtus = {1400, 1400, 1500, 1400};
        List<PathDiagnosis> diagnoses = new java.util.ArrayList<>();
        for (int i = 0; i < linkMtus.length; i++) {
            Instant at = T0.plusSeconds(60L * i);
            fx.handshakes.pipeInput(PATH_ID, ObservationFixtures.handshake("streak-" + i, at));
            fx.pipe(ObservationFixtures.run(ObservationFixtures.AGENT, ObservationFixtures.TARGET, "streak-" + i, at,
                    linkMtus[i]));
            diagnoses.add(fx.diagnoses.readValue());
        }

        assertThat(diagnoses).extracting(PathDiagnosis::getStatus).containsExactly(Severity.WARNING, Severity.WARNING,
                Severity.INFO, Severity.WARNING);
        // The streak starts at the first diagnosis of a status, and a change starts a new one.
        assertThat(diagnoses).extracting(PathDiagnosis::getStatusSince).containsExactly(
                diagnoses.get(0).getDiagnosedAt(), diagnoses.get(0).getDiagnosedAt(), diagnoses.get(2).getDiagnosedAt(),
                diagnoses.get(3).getDiagnosedAt());
    }

    @Test
    void outOfOrderAndDuplicateObservationsGiveTheSameDiagnosisAsAnOrderlyRun() {
        fx.handshakes.pipeInput(PATH_ID, ObservationFixtures.handshake("orderly", T0));
        fx.pipe(ObservationFixtures.hopsThrough1400Link("orderly", T0));
        PathDiagnosis orderly = fx.diagnoses.readValue();

        List<HopObservation> run = ObservationFixtures.hopsThrough1400Link("shuffled", T0);
        List<HopObservation> shuffled = new ArrayList<>(run);
        shuffled.add(run.get(1)); // producer retries
        shuffled.add(run.get(0));
        Collections.shuffle(shuffled, new Random(7));
        Collections.swap(shuffled, shuffled.indexOf(run.get(run.size() - 1)), 0); // the marker first
        fx.pipe(shuffled);
        fx.handshakes.pipeInput(PATH_ID, ObservationFixtures.handshake("shuffled", T0));
        fx.handshakes.pipeInput(PATH_ID, ObservationFixtures.handshake("shuffled", T0)); // retried handshake

        List<PathDiagnosis> out = fx.diagnoses();
        assertThat(out).as("exactly one diagnosis per run").hasSize(1);
        PathDiagnosis d = out.get(0);
        d.setRunId(orderly.getRunId());
        assertThat(d).isEqualTo(orderly);
        assertThat(fx.metrics.get(Counter.DUPLICATES_DROPPED)).isEqualTo(3);
    }

    @Test
    void aDuplicateArrivingAfterTheDiagnosisDoesNotStartASecondRun() {
        List<HopObservation> run = ObservationFixtures.hopsThrough1400Link("run-late", T0);
        fx.handshakes.pipeInput(PATH_ID, ObservationFixtures.handshake("run-late", T0));
        fx.pipe(run);
        assertThat(fx.diagnoses()).hasSize(1);

        fx.hops.pipeInput(PATH_ID, run.get(0));
        fx.hops.pipeInput(PATH_ID, run.get(run.size() - 1));
        fx.advance(Duration.ofSeconds(60));
        assertThat(fx.diagnoses.isEmpty()).as("late duplicates are dropped, not diagnosed as a new run").isTrue();
    }

    @Test
    void aRunWithoutItsMarkerIsDiagnosedAsIncompleteAfterTheTimeout() {
        List<HopObservation> run = ObservationFixtures.hopsThrough1400Link("run-3", T0);
        fx.handshakes.pipeInput(PATH_ID, ObservationFixtures.handshake("run-3", T0));
        fx.hops.pipeInput(PATH_ID, run.get(0));
        fx.hops.pipeInput(PATH_ID, run.get(1));
        fx.advance(Duration.ofSeconds(10));
        assertThat(fx.diagnoses.isEmpty()).isTrue();

        fx.advance(Duration.ofSeconds(25));
        PathDiagnosis d = fx.diagnoses.readValue();
        assertThat(d.getComplete()).isFalse();
        assertThat(d.getIncompleteReason()).contains("timed out");
        assertThat(d.getPmtu()).isEqualTo(1400);
        assertThat(fx.metrics.get(Counter.RUNS_TIMED_OUT)).isEqualTo(1);
    }

    @Test
    void aMarkerWithMissingAnnouncedObservationsWaitsForThem() {
        List<HopObservation> run = ObservationFixtures.hopsThrough1400Link("run-gap", T0);
        fx.handshakes.pipeInput(PATH_ID, ObservationFixtures.handshake("run-gap", T0));
        fx.hops.pipeInput(PATH_ID, run.get(0));
        fx.hops.pipeInput(PATH_ID, run.get(2));
        fx.hops.pipeInput(PATH_ID, run.get(3)); // the marker announces 4
        fx.advance(Duration.ofSeconds(5));
        assertThat(fx.diagnoses.isEmpty()).as("one announced observation is still missing").isTrue();

        fx.hops.pipeInput(PATH_ID, run.get(1));
        PathDiagnosis d = fx.diagnoses.readValue();
        assertThat(d.getComplete()).isTrue();
        assertThat(d.getPmtu()).isEqualTo(1400);
    }

    @Test
    void aCompleteRunWhoseHandshakeNeverComesIsDiagnosedAfterTheGrace() {
        fx.pipe(ObservationFixtures.hopsThrough1400Link("run-4", T0));
        assertThat(fx.diagnoses.isEmpty()).as("waits for the handshake of a TCP target").isTrue();
        fx.advance(Duration.ofMillis(400));
        assertThat(fx.diagnoses.isEmpty()).isTrue();
        fx.advance(Duration.ofMillis(400));
        PathDiagnosis d = fx.diagnoses.readValue();
        assertThat(d.getPmtu()).isEqualTo(1400);
        assertThat(d.getMss().getSent()).isNull();
        assertThat(d.getComplete()).isFalse();
    }

    @Test
    void aUdpTargetIsDiagnosedAtItsMarkerWithoutWaitingForAHandshake() {
        Agent agent = ObservationFixtures.agent("udp-agent");
        Target dns = ObservationFixtures.target("10.9.3.53", Transport.UDP, 53);
        fx.pipe(ObservationFixtures.run(agent, dns, "run-udp", T0, 1500));
        PathDiagnosis d = fx.diagnoses.readValue();
        assertThat(d.getComplete()).isTrue();
        assertThat(d.getPmtu()).isEqualTo(1500);
    }

    @Test
    void aPassiveObservationIsJoinedWithTheLatestHandshakeOfItsPathWithinTheWindow() {
        fx.handshakes.pipeInput(PATH_ID, ObservationFixtures.handshake(null, T0.minusSeconds(30)));
        fx.handshakes.pipeInput(PATH_ID, ObservationFixtures.handshake(null, T0.minusSeconds(300))); // older, arrives late
        fx.hops.pipeInput(PATH_ID, ObservationFixtures.passivePtb(ObservationFixtures.AGENT, ObservationFixtures.TARGET, T0, 1400));

        PathDiagnosis d = fx.diagnoses.readValue();
        assertThat(d.getRunId()).isNull();
        assertThat(d.getPmtu()).isEqualTo(1400);
        assertThat(d.getMss().getSent()).as("joined with the handshake 30 s before").isEqualTo(1460);

        fx.hops.pipeInput(PATH_ID, ObservationFixtures.passivePtb(ObservationFixtures.AGENT, ObservationFixtures.TARGET,
                T0.plusSeconds(600), 1400));
        assertThat(fx.diagnoses.readValue().getMss().getSent()).as("the handshake is 10 min older: outside the window")
                .isNull();
    }

    @Test
    void aRetriedPassiveObservationIsDiagnosedOnce() {
        HopObservation ptb = ObservationFixtures.passivePtb(ObservationFixtures.AGENT, ObservationFixtures.TARGET, T0, 1400);
        fx.hops.pipeInput(PATH_ID, ptb);
        fx.hops.pipeInput(PATH_ID, ptb);
        assertThat(fx.diagnoses()).hasSize(1);
    }

    @Test
    void runsTimeOutEachAtTheirOwnTimeWhateverTheirNumber() {
        Agent agent = ObservationFixtures.agent("many");
        for (int i = 0; i < 200; i++) {
            Target target = ObservationFixtures.target("10.20." + (i / 250) + "." + (i % 250), Transport.UDP, 33434);
            List<HopObservation> run = ObservationFixtures.run(agent, target, "r" + i, T0, 1500);
            fx.hops.pipeInput(run.get(0).getPathId(), run.get(0)); // only the first hop: never complete
            if (i == 99) {
                fx.advance(Duration.ofSeconds(20));
            }
        }
        fx.advance(Duration.ofSeconds(11)); // 31 s after the first 100, 11 s after the others
        assertThat(fx.diagnoses()).hasSize(100).allSatisfy(d -> assertThat(d.getComplete()).isFalse());
        fx.advance(Duration.ofSeconds(20));
        assertThat(fx.diagnoses()).hasSize(100);
        fx.advance(Duration.ofSeconds(60));
        assertThat(fx.diagnoses()).isEmpty();
    }

    @Test
    void aHandshakeWhoseRunNeverProducesHopsYieldsNoDiagnosis() {
        fx.handshakes.pipeInput(PATH_ID, ObservationFixtures.handshake("no-hops", T0));
        fx.advance(Duration.ofSeconds(40));
        assertThat(fx.diagnoses.isEmpty()).isTrue();
    }
}
