package io.pmtuwatch.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.PathDiagnosis;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** How the diagnoser copes with runs as Kafka delivers them: late, twice, partial, or mixed up. */
class RunAssemblyTest {

    private final PathDiagnoser diagnoser = new PathDiagnoser();

    private static PathFixture tunnelledPath() {
        return PathFixture.ipv4()
                .timeExceeded(1, 1500).silent(2, 1500).timeExceeded(2, 1500).timeExceeded(3, 1500)
                .ptb(3, 1500, 1420).invalidPtb(3, 1500, 1300, "stale probe id")
                .timeExceeded(4, 1420).reached(5, 1420)
                .searchAttempts(1420, true).searchAttempts(1500, false, false);
    }

    @RepeatedTest(5)
    void duplicatedAndShuffledObservationsGiveTheSameDiagnosis(org.junit.jupiter.api.RepetitionInfo repetition) {
        PathFixture path = tunnelledPath();
        Optional<HandshakeObservation> handshake = path.handshake(1460);
        List<HopObservation> inOrder = path.observations();
        List<HopObservation> messy = new ArrayList<>(inOrder);
        Random random = new Random(repetition.getCurrentRepetition());
        for (int i = 0; i < 4; i++) {
            messy.add(inOrder.get(random.nextInt(inOrder.size())));
        }
        Collections.shuffle(messy, random);

        PathDiagnosis expected = diagnoser.diagnose(inOrder, handshake, DiagnosisContext.completeRun());
        PathDiagnosis actual = diagnoser.diagnose(messy, handshake, DiagnosisContext.completeRun());

        assertThat(actual).isEqualTo(expected);
        assertThat(actual.getProbesSent()).isEqualTo(inOrder.size());
        assertThat(actual.getInvalidPtbCount()).isEqualTo(1);
    }

    @Test
    void everyRecordRetriedRightAfterItsOriginalCountsOnce() {
        PathFixture path = tunnelledPath();
        Optional<HandshakeObservation> handshake = path.handshake(1460);
        List<HopObservation> inOrder = path.observations();
        List<HopObservation> retried = new ArrayList<>();
        for (HopObservation observation : inOrder) {
            retried.add(observation);
            retried.add(observation);
        }

        PathDiagnosis diagnosis = diagnoser.diagnose(retried, handshake, DiagnosisContext.completeRun());

        // One probe, however often it arrives: as many probes as the run declared, all received.
        assertThat(diagnosis.getProbesSent()).isEqualTo(inOrder.size());
        assertThat(diagnosis.getComplete()).isTrue();
        assertThat(diagnosis.getInvalidPtbCount()).isEqualTo(1);
        assertThat(diagnosis.getHops()).extracting(h -> h.getTtl()).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void aTcpPathWithoutHandshakeIsIncomplete() {
        PathDiagnosis diagnosis = PathFixture.ipv4().cleanTrace(2, 1500).diagnose(Optional.empty());

        assertThat(diagnosis.getComplete()).isFalse();
        assertThat(diagnosis.getIncompleteReason()).isEqualTo("no handshake");
        assertThat(diagnosis.getMss().getSent()).isNull();
        assertThat(diagnosis.getMss().getMethod()).isNull();
        assertThat(diagnosis.getPmtu()).isEqualTo(1500);
    }

    @Test
    void aUdpPathNeedsNoHandshakeToBeComplete() {
        PathDiagnosis diagnosis = PathFixture.ipv4().udp().cleanTrace(2, 1500).diagnose(Optional.empty());

        assertThat(diagnosis.getComplete()).isTrue();
        assertThat(diagnosis.getIncompleteReason()).isNull();
    }

    @Test
    void aHandshakeWithoutSynAckIsIncomplete() {
        PathFixture path = PathFixture.ipv4().cleanTrace(2, 1500);

        PathDiagnosis diagnosis = path.diagnose(1460, null);

        assertThat(diagnosis.getComplete()).isFalse();
        assertThat(diagnosis.getIncompleteReason()).contains("no SYN-ACK", "TIMEOUT");
    }

    @Test
    void aRunWithoutItsLastRecordIsIncomplete() {
        PathFixture path = PathFixture.ipv4().cleanTrace(3, 1500);
        List<HopObservation> run = path.observations();

        PathDiagnosis diagnosis = diagnoser.diagnose(run.subList(0, run.size() - 1), path.handshake(1460),
                DiagnosisContext.completeRun());

        assertThat(diagnosis.getComplete()).isFalse();
        assertThat(diagnosis.getIncompleteReason()).isEqualTo("last observation of the run not received");
    }

    @Test
    void aRunMissingAMiddleRecordIsIncompleteAndSaysHowManyArrived() {
        PathFixture path = PathFixture.ipv4().cleanTrace(3, 1500);
        List<HopObservation> run = new ArrayList<>(path.observations());
        run.remove(1);

        PathDiagnosis diagnosis = diagnoser.diagnose(run, path.handshake(1460), DiagnosisContext.completeRun());

        assertThat(diagnosis.getComplete()).isFalse();
        assertThat(diagnosis.getIncompleteReason()).isEqualTo("only 3 of 4 observations of the run received");
        assertThat(diagnosis.getProbesSent()).isEqualTo(4);
        assertThat(diagnosis.getHops()).extracting(h -> h.getTtl()).containsExactly(1, 3, 4);
    }

    @Test
    void theCallersReasonComesFirstAndReasonsAreJoined() {
        PathFixture path = PathFixture.ipv4().cleanTrace(3, 1500);
        List<HopObservation> run = path.observations();

        PathDiagnosis diagnosis = diagnoser.diagnose(run.subList(0, 2), Optional.empty(),
                DiagnosisContext.incomplete("assembly timed out after 30 s"));

        assertThat(diagnosis.getIncompleteReason())
                .isEqualTo("assembly timed out after 30 s; last observation of the run not received; no handshake");
    }

    @Test
    void timesComeFromTheObservations() {
        PathFixture path = PathFixture.ipv4().cleanTrace(3, 1500);

        PathDiagnosis diagnosis = path.diagnose(path.handshake(1460));

        assertThat(diagnosis.getFirstObservationAt()).isEqualTo(PathFixture.START);
        assertThat(diagnosis.getDiagnosedAt()).isEqualTo(PathFixture.START.plusMillis(500));
    }

    @Test
    void theFallbackTimeIsUsedOnlyWhenNoObservationHasOne() {
        PathFixture path = PathFixture.ipv4().udp().cleanTrace(1, 1500);
        List<HopObservation> untimed = path.observations().stream()
                .map(o -> HopObservation.newBuilder(o).setTimestamp(Instant.EPOCH).build()).toList();
        Instant fallback = Instant.parse("2025-06-01T00:00:00Z");
        DiagnosisContext context = DiagnosisContext.completeRun().withDiagnosedAtFallback(fallback);

        PathDiagnosis timed = diagnoser.diagnose(path.observations(), Optional.empty(), context);
        PathDiagnosis fellBack = diagnoser.diagnose(untimed, Optional.empty(), context);

        assertThat(timed.getDiagnosedAt()).isEqualTo(PathFixture.START.plusMillis(10));
        assertThat(fellBack.getDiagnosedAt()).isEqualTo(fallback);
        assertThat(fellBack.getFirstObservationAt()).isEqualTo(fallback);
    }

    @Test
    void aHandshakeAloneStillGivesADiagnosis() {
        PathFixture path = PathFixture.ipv4();

        PathDiagnosis diagnosis = diagnoser.diagnose(List.of(), path.handshake(1460), DiagnosisContext.completeRun());

        assertThat(diagnosis.getPathId()).isEqualTo(path.pathId());
        assertThat(diagnosis.getPmtu()).isNull();
        assertThat(diagnosis.getMss().getEffective()).isEqualTo(1460);
        assertThat(diagnosis.getComplete()).isFalse();
        assertThat(diagnosis.getIncompleteReason()).isEqualTo("no hop observations");
    }

    @Test
    void refusesToDiagnoseNothingOrAMixOfPaths() {
        List<HopObservation> v4 = PathFixture.ipv4().cleanTrace(1, 1500).observations();
        List<HopObservation> v6 = PathFixture.ipv6().cleanTrace(1, 1500).observations();
        List<HopObservation> mixed = new ArrayList<>(v4);
        mixed.addAll(v6);

        assertThatThrownBy(() -> diagnoser.diagnose(List.of(), Optional.empty(), DiagnosisContext.completeRun()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nothing to diagnose");
        assertThatThrownBy(() -> diagnoser.diagnose(mixed, Optional.empty(), DiagnosisContext.completeRun()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two paths");
        assertThatThrownBy(() -> diagnoser.diagnose(v4, PathFixture.ipv6().handshake(1440),
                DiagnosisContext.completeRun()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("handshake of path");
    }

    @Test
    void refusesObservationsOfTwoRuns() {
        List<HopObservation> run = new ArrayList<>(PathFixture.ipv4().cleanTrace(1, 1500).observations());
        run.add(HopObservation.newBuilder(run.get(0)).setRunId("run-2").build());

        assertThatThrownBy(() -> diagnoser.diagnose(run, Optional.empty(), DiagnosisContext.completeRun()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("several runs");
    }
}
