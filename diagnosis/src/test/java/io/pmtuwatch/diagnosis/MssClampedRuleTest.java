package io.pmtuwatch.diagnosis;

import io.pmtuwatch.schemas.Finding;
import io.pmtuwatch.schemas.FindingCode;
import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.Severity;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** MSS_CLAMPED from the clamp locator's result carried on the handshake observation. */
class MssClampedRuleTest {

    private static HandshakeObservation clamped(PathFixture path, int sent, int received, Integer ttl, int before,
                                                Integer after) {
        return HandshakeObservation.newBuilder(path.handshake(sent, received)).setClampRouter(path.router(2))
                .setClampTtl(ttl).setMssBeforeClamp(before).setMssAfterClamp(after).build();
    }

    private static Optional<Finding> clampFinding(PathDiagnosis d) {
        return d.getFindings().stream().filter(f -> f.getCode() == FindingCode.MSS_CLAMPED).findFirst();
    }

    @Test
    void aClampBelowTheThresholdOnAFullSizePathIsAWarningNamingTheRouterAndTheRaise() {
        PathFixture path = PathFixture.ipv4().cleanTrace(3, 1500);
        PathDiagnosis d = path.diagnose(Optional.of(clamped(path, 1460, 1200, 2, 1460, 1200)));

        Finding f = clampFinding(d).orElseThrow();
        assertThat(f.getSeverity()).isEqualTo(Severity.WARNING);
        assertThat(f.getHop()).isEqualTo(path.router(2));
        assertThat(f.getMessage()).contains(path.router(2)).contains("hop 2").contains("1460").contains("1200");
        assertThat(f.getFix()).contains("1460");
        assertThat(d.getStatus()).isEqualTo(Severity.WARNING);
    }

    @Test
    void theUndersizedMssFindingPointsAtTheClampThatWroteTheValue() {
        PathFixture path = PathFixture.ipv4().cleanTrace(3, 1500);
        PathDiagnosis d = path.diagnose(Optional.of(clamped(path, 1460, 1200, 2, 1460, 1200)));

        Finding undersized = d.getFindings().stream().filter(f -> f.getCode() == FindingCode.UNDERSIZED_MSS)
                .findFirst().orElseThrow();
        assertThat(undersized.getHop()).isEqualTo(path.router(2));
        assertThat(undersized.getMessage()).contains("MSS clamp at router " + path.router(2));
        assertThat(undersized.getFix()).startsWith("Raise the MSS clamp at router " + path.router(2) + " to 1460");

        // Without a located clamp the target is the one to ask.
        Finding unexplained = path.diagnose(1460, 1200).getFindings().stream()
                .filter(f -> f.getCode() == FindingCode.UNDERSIZED_MSS).findFirst().orElseThrow();
        assertThat(unexplained.getFix()).startsWith("Raise the MSS the target");
    }

    @Test
    void aClampThatFitsATunnelIsInformationAndTheVerdictStaysOk() {
        PathFixture path = PathFixture.ipv6().cleanTrace(3, 1500);
        PathDiagnosis d = path.diagnose(Optional.of(clamped(path, 1440, 1380, 2, 1440, 1380)));

        assertThat(clampFinding(d).orElseThrow().getSeverity()).isEqualTo(Severity.INFO);
        assertThat(d.getFindings()).extracting(Finding::getCode).contains(FindingCode.OK);
    }

    @Test
    void aRemovedOptionIsSaidAsSuch() {
        PathFixture path = PathFixture.ipv4().cleanTrace(3, 1500);
        PathDiagnosis d = path.diagnose(Optional.of(clamped(path, 1460, 1460, null, 1460, null)));

        assertThat(clampFinding(d).orElseThrow().getMessage()).contains("removes the option").doesNotContain("hop ");
    }

    @Test
    void withoutALocatedClampThereIsNoClampFinding() {
        PathFixture path = PathFixture.ipv4().cleanTrace(3, 1500);
        assertThat(clampFinding(path.diagnose(1460, 1200))).isEmpty();
    }
}
