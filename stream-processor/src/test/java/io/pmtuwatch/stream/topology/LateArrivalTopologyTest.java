package io.pmtuwatch.stream.topology;

import io.pmtuwatch.schemas.Agent;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.Target;
import io.pmtuwatch.schemas.Transport;
import io.pmtuwatch.stream.ObservationFixtures;
import io.pmtuwatch.stream.config.RawConfig;
import io.pmtuwatch.stream.config.Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.pmtuwatch.stream.ObservationFixtures.PATH_ID;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A processor that is behind reads its two input topics out of step: one run's handshake and hops,
 * written together, can be processed minutes apart by the processor's clock. Such runs must still
 * be diagnosed whole; only a part that truly never comes may close a run early. Here the driver's
 * wall clock runs on while records keep their (older) timestamps, as during a backlog.
 */
class LateArrivalTopologyTest {

    private static final Instant T = TopologyFixture.WALL_START;
    private static final Agent OTHER_AGENT = ObservationFixtures.agent("busy-agent");

    @TempDir
    Path stateDir;

    private TopologyFixture fx;

    @BeforeEach
    void start() {
        fx = new TopologyFixture(stateDir, RawConfig.empty().with(Settings.RUN_TIMEOUT, "30s"));
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void hopsReadTwoMinutesAfterTheirHandshakeStillMakeOneCompleteDiagnosis() {
        fx.handshakes.pipeInput(PATH_ID, ObservationFixtures.handshake("behind", T), T);
        // The hop topic is behind: for two minutes the processor reads older hops of other paths.
        for (int i = 0; i < 24; i++) {
            Instant older = T.minusSeconds(120).plusSeconds(5L * i);
            Target other = ObservationFixtures.target("10.40.0." + i, Transport.UDP, 33434);
            pipeAt(ObservationFixtures.run(OTHER_AGENT, other, "backlog-" + i, older, 1500), older);
            fx.driver.advanceWallClockTime(Duration.ofSeconds(5));
        }
        assertThat(fx.diagnoses()).as("the backlog's own runs").hasSize(24);

        pipeAt(ObservationFixtures.hopsThrough1400Link("behind", T), T);

        List<PathDiagnosis> diagnoses = fx.diagnoses();
        assertThat(diagnoses).hasSize(1);
        PathDiagnosis d = diagnoses.get(0);
        assertThat(d.getComplete()).isTrue();
        assertThat(d.getPmtu()).isEqualTo(1400);
        assertThat(d.getMss().getSent()).as("diagnosed with its handshake").isEqualTo(1460);
    }

    @Test
    void aHandshakeReadSecondsAfterItsHopsIsStillJoined() {
        pipeAt(ObservationFixtures.hopsThrough1400Link("hs-behind", T), T);
        // The handshake topic is behind: older handshakes of other paths keep coming for 10 s.
        for (int i = 0; i < 20; i++) {
            Instant older = T.minusSeconds(20).plusMillis(500L * i);
            Target other = ObservationFixtures.target("10.41.0." + i, Transport.TCP, 443);
            fx.handshakes.pipeInput(ObservationFixtures.pathId(OTHER_AGENT, other),
                    ObservationFixtures.handshake(OTHER_AGENT, other, null, older), older);
            fx.driver.advanceWallClockTime(Duration.ofMillis(500));
        }
        assertThat(fx.diagnoses.isEmpty()).as("10 s past the grace, and still waiting").isTrue();

        fx.handshakes.pipeInput(PATH_ID, ObservationFixtures.handshake("hs-behind", T), T);

        PathDiagnosis d = fx.diagnoses.readValue();
        assertThat(d.getComplete()).isTrue();
        assertThat(d.getMss().getSent()).isEqualTo(1460);
        assertThat(fx.diagnoses.isEmpty()).isTrue();
    }

    @Test
    void aHandshakeThatNeverComesClosesTheRunOnceItsTopicIsReadPastTheRun() {
        pipeAt(ObservationFixtures.hopsThrough1400Link("lost-hs", T), T);
        fx.driver.advanceWallClockTime(Duration.ofSeconds(5));
        assertThat(fx.diagnoses.isEmpty()).as("the handshake topic has not been read past the run yet").isTrue();

        Target other = ObservationFixtures.target("10.42.0.1", Transport.TCP, 443);
        Instant newer = T.plusSeconds(2);
        fx.handshakes.pipeInput(ObservationFixtures.pathId(OTHER_AGENT, other),
                ObservationFixtures.handshake(OTHER_AGENT, other, null, newer), newer);
        fx.driver.advanceWallClockTime(Duration.ofSeconds(1));

        PathDiagnosis d = fx.diagnoses.readValue();
        assertThat(d.getComplete()).as("diagnosed without its handshake").isFalse();
        assertThat(d.getMss().getSent()).isNull();
    }

    @Test
    void aRunMissingHopsTimesOutOnceTheHopTopicIsReadPastItsTimeout() {
        List<HopObservation> run = ObservationFixtures.hopsThrough1400Link("cut", T);
        fx.handshakes.pipeInput(PATH_ID, ObservationFixtures.handshake("cut", T), T);
        pipeAt(run.subList(0, 2), T);
        // The hop topic is read on, but only older records: the run's other hops may still be behind them.
        for (int i = 0; i < 12; i++) {
            Instant older = T.minusSeconds(60).plusSeconds(5L * i);
            Target other = ObservationFixtures.target("10.43.0." + i, Transport.UDP, 33434);
            pipeAt(ObservationFixtures.run(OTHER_AGENT, other, "older-" + i, older, 1500), older);
            fx.driver.advanceWallClockTime(Duration.ofSeconds(5));
        }
        assertThat(fx.diagnoses()).as("only the older runs, 60 s after the run began").hasSize(12);

        Instant past = T.plusSeconds(31);
        Target other = ObservationFixtures.target("10.43.1.1", Transport.UDP, 33434);
        pipeAt(ObservationFixtures.run(OTHER_AGENT, other, "newer", past, 1500), past);
        fx.driver.advanceWallClockTime(Duration.ofSeconds(1));

        List<PathDiagnosis> diagnoses = fx.diagnoses();
        assertThat(diagnoses).hasSize(2);
        PathDiagnosis cut = diagnoses.stream().filter(d -> "cut".equals(d.getRunId())).findFirst().orElseThrow();
        assertThat(cut.getComplete()).isFalse();
        assertThat(cut.getIncompleteReason()).contains("timed out");
    }

    private void pipeAt(List<HopObservation> hops, Instant recordTime) {
        hops.forEach(hop -> fx.hops.pipeInput(hop.getPathId(), hop, recordTime));
    }
}
