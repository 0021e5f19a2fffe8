package io.pmtuwatch.demo;

import io.pmtuwatch.diagnosis.PathDiagnoser;
import io.pmtuwatch.lab.EcmpLab;
import io.pmtuwatch.lab.GroundTruth;
import io.pmtuwatch.probe.returnpath.ReturnRequest;
import io.pmtuwatch.probe.kafka.RunObservations;
import io.pmtuwatch.schemas.FindingCode;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.PmtuSource;
import io.pmtuwatch.schemas.ProbeMethod;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordedRunsTest {

    private static List<RunObservations> shipped() throws IOException {
        try (InputStream in = RecordedRunsTest.class.getResourceAsStream(DemoMain.RECORDING)) {
            assertThat(in).as("the demo jar ships its recording").isNotNull();
            return RecordedRuns.read(in);
        }
    }

    @Test
    void theShippedRecordingHasOneRunPerDemoPathAndEachGivesTheLabsGroundTruth() throws IOException {
        Map<String, RunObservations> byAgent = shipped().stream().collect(Collectors.toMap(
                run -> run.hops().get(0).getAgent().getId(), Function.identity()));
        PathDiagnoser diagnoser = new PathDiagnoser();
        for (DemoPaths.DemoPath path : DemoPaths.ALL) {
            RunObservations run = byAgent.get(path.agentId());
            assertThat(run).as("recorded run of %s", path.agentId()).isNotNull();
            PathDiagnosis d = diagnoser.diagnose(run.hops(), Optional.ofNullable(run.handshake()));
            List<FindingCode> codes = d.getFindings().stream().map(f -> f.getCode()).toList();
            assertThat(d.getPmtu()).as("PMTU of %s", path.agentId()).isEqualTo(path.pmtu());
            if (path.expected() != null) {
                assertThat(codes).as("findings of %s", path.agentId()).contains(path.expected());
            }
            // Only a target that answers TCP alone is measured with SYNs: AUTO falls back, never leads.
            assertThat(d.getProbeMethod() == ProbeMethod.TCP_SYN).as("probeMethod %s of %s", d.getProbeMethod(),
                    path.agentId()).isEqualTo(path.isTcpOnly());
            if (path.isEcmp()) {
                assertThat(d.getTarget().getAddress()).isEqualTo(EcmpLab.SERVER);
                assertThat(d.getEcmpMembers()).as("members of %s", path.agentId()).hasSize(2);
                continue;
            }
            GroundTruth truth = GroundTruth.of(path.spec());
            assertThat(d.getTarget().getAddress()).isEqualTo(truth.serverAddress(path.family()));
            boolean clamped = !truth.clamps().isEmpty();
            assertThat(codes).as("MSS_CLAMPED of %s", path.agentId())
                    .matches(c -> c.contains(FindingCode.MSS_CLAMPED) == clamped);
            boolean blackHole = truth.blackHole(path.family()).isPresent();
            assertThat(codes).as("findings of %s", path.agentId())
                    .matches(c -> c.contains(FindingCode.PMTUD_FAILURE) == blackHole);
            if (path.returnPath() != ReturnRequest.OFF) {
                assertThat(d.getReturnPath()).as("return-path figures of %s", path.agentId()).isNotNull();
            }
        }
    }

    @Test
    void theTcpOnlyLabsAreInTheRecordingMeasuredBySynsWithTheirPmtuAndBlackHole() throws IOException {
        Map<String, RunObservations> byAgent = shipped().stream().collect(Collectors.toMap(
                run -> run.hops().get(0).getAgent().getId(), Function.identity()));
        List<DemoPaths.DemoPath> tcpOnly = DemoPaths.ALL.stream().filter(DemoPaths.DemoPath::isTcpOnly).toList();
        assertThat(tcpOnly).extracting(DemoPaths.DemoPath::agentId)
                .containsExactly("tcp-only-1400-v4", "tcp-only-black-hole-1400-v4");
        PathDiagnoser diagnoser = new PathDiagnoser();
        PathDiagnosis narrow = diagnoser.diagnose(byAgent.get("tcp-only-1400-v4").hops(),
                Optional.ofNullable(byAgent.get("tcp-only-1400-v4").handshake()));
        assertThat(narrow.getProbeMethod()).isEqualTo(ProbeMethod.TCP_SYN);
        assertThat(narrow.getPmtu()).isEqualTo(1400);
        assertThat(narrow.getPmtuSource()).isEqualTo(PmtuSource.PTB);
        assertThat(narrow.getMtuDrops()).singleElement().satisfies(m -> {
            assertThat(m.getRouter()).isEqualTo("10.11.1.2");
            assertThat(m.getToMtu()).isEqualTo(1400);
        });
        assertThat(narrow.getFindings()).extracting(f -> f.getCode()).contains(FindingCode.OVERSIZED_MSS)
                .doesNotContain(FindingCode.PMTUD_FAILURE);
        PathDiagnosis hole = diagnoser.diagnose(byAgent.get("tcp-only-black-hole-1400-v4").hops(),
                Optional.ofNullable(byAgent.get("tcp-only-black-hole-1400-v4").handshake()));
        assertThat(hole.getProbeMethod()).isEqualTo(ProbeMethod.TCP_SYN);
        assertThat(hole.getPmtu()).isEqualTo(1400);
        assertThat(hole.getPmtuSource()).isEqualTo(PmtuSource.SIZE_SEARCH);
        assertThat(hole.getBlackHole().getDetected()).isTrue();
        assertThat(hole.getBlackHole().getRouter()).isEqualTo("10.12.1.2");
        assertThat(hole.getBlackHole().getLargestOk()).isEqualTo(1400);
        assertThat(hole.getBlackHole().getSmallestLost()).isEqualTo(1401);
        assertThat(hole.getFindings()).extracting(f -> f.getCode())
                .contains(FindingCode.PMTUD_FAILURE, FindingCode.OVERSIZED_MSS);
    }

    @Test
    void writeThenReadGivesTheSameRuns() throws IOException {
        List<RunObservations> runs = shipped();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RecordedRuns.write(runs, bytes);
        assertThat(RecordedRuns.read(new ByteArrayInputStream(bytes.toByteArray()))).isEqualTo(runs);
    }

    @Test
    void aDamagedRecordingSaysSo() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RecordedRuns.write(shipped(), bytes);
        byte[] cut = Arrays.copyOf(bytes.toByteArray(), bytes.size() / 2);
        assertThatThrownBy(() -> RecordedRuns.read(new ByteArrayInputStream(cut)))
                .isInstanceOf(IOException.class).hasMessageContaining("ends early");
        assertThatThrownBy(() -> RecordedRuns.read(new ByteArrayInputStream(new byte[] {1, 2, 3, 4, 5})))
                .isInstanceOf(IOException.class).hasMessageContaining("not a pmtu-watch recording");
    }

    @Test
    void restampingGivesAFreshRunAtTheGivenTimeKeepingTheSpacing() throws IOException {
        RunObservations run = shipped().get(0);
        Instant now = Instant.parse("2030-01-01T00:00:00Z");
        RunObservations replayed = RunReplayer.restamp(run, "replay-1", now);
        assertThat(replayed.runId()).isEqualTo("replay-1");
        assertThat(replayed.hops()).allMatch(h -> h.getRunId().equals("replay-1"));
        Instant originalStart = run.handshake() != null ? run.handshake().getTimestamp() : run.hops().get(0).getTimestamp();
        long originalSpan = run.hops().get(run.hops().size() - 1).getTimestamp().toEpochMilli() - originalStart.toEpochMilli();
        long replayedSpan = replayed.hops().get(replayed.hops().size() - 1).getTimestamp().toEpochMilli() - now.toEpochMilli();
        assertThat(replayedSpan).isEqualTo(originalSpan);
        assertThat(replayed.hops()).extracting(h -> h.getOrigin()).containsOnly(run.hops().get(0).getOrigin());
    }
}
