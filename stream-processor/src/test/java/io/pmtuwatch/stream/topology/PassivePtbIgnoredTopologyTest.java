package io.pmtuwatch.stream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.pmtuwatch.schemas.Finding;
import io.pmtuwatch.schemas.FindingCode;
import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.ReturnPath;
import io.pmtuwatch.schemas.ReturnPathMethod;
import io.pmtuwatch.schemas.ReturnPathOutcome;
import io.pmtuwatch.stream.ObservationFixtures;
import io.pmtuwatch.stream.config.RawConfig;
import io.pmtuwatch.stream.config.Settings;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the live sensor publishes when a sender ignores packet-too-big, through the topology: the
 * flow's handshake at the SYN-ACK and the router's PTB (an MTU drop), then the handshake again with
 * the figures (method CAPTURE) and the PTB as a new passive observation: that diagnosis is
 * PTB_IGNORED at the sender.
 */
class PassivePtbIgnoredTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private static final String PATH_ID = ObservationFixtures.PATH_ID;

    @TempDir
    Path stateDir;

    private TopologyFixture fx;

    @BeforeEach
    void start() {
        fx = new TopologyFixture(stateDir, RawConfig.empty().with(Settings.TIME_FUTURE_TOLERANCE, "3650d")
                .with(Settings.PASSIVE_HANDSHAKE_WINDOW, "2m"));
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void theRepublishedHandshakeMakesThePassivePtbAPtbIgnoredAtTheSender() {
        HandshakeObservation atSynAck = ObservationFixtures.handshake(null, T0);
        fx.handshakes.pipeInput(PATH_ID, atSynAck);
        HopObservation ptb = ObservationFixtures.passivePtb(ObservationFixtures.AGENT, ObservationFixtures.TARGET,
                T0.plusMillis(40), 1400);
        fx.hops.pipeInput(PATH_ID, ptb);
        PathDiagnosis first = fx.diagnoses.readValue();
        assertThat(first.getFindings()).extracting(Finding::getCode).doesNotContain(FindingCode.PTB_IGNORED);

        String server = ObservationFixtures.TARGET.getAddress();
        HandshakeObservation withFigures = HandshakeObservation.newBuilder(atSynAck).setReturnPath(ReturnPath.newBuilder()
                .setMethod(ReturnPathMethod.CAPTURE).setOutcome(ReturnPathOutcome.STALLED).setTargetMss(1460)
                .setPtbMtu(1400).setShrankAfterPtb(false).setLargestAfterPtb(1500).setOversizedAfterPtb(2)
                .setSender(server).setPtbRouter(ObservationFixtures.ROUTER_2).build()).build();
        fx.handshakes.pipeInput(PATH_ID, withFigures);
        fx.hops.pipeInput(PATH_ID, HopObservation.newBuilder(ptb).setSequence(1).build());

        PathDiagnosis second = fx.diagnoses.readValue();
        Finding worst = second.getFindings().get(0);
        assertThat(worst.getCode()).isEqualTo(FindingCode.PTB_IGNORED);
        assertThat(worst.getHop()).isEqualTo(server);
        assertThat(worst.getMessage()).contains("router " + ObservationFixtures.ROUTER_2);
        assertThat(second.getReturnPath().getMethod()).isEqualTo(ReturnPathMethod.CAPTURE);
        assertThat(second.getPmtu()).isEqualTo(1400);
    }
}
