package io.pmtuwatch.stream.topology.internals;

import static org.assertj.core.api.Assertions.assertThat;

import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.Severity;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StatusStreakTest {

    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    @Test
    void aNewPathStartsItsStreakNow() {
        assertThat(StatusStreak.since(null, at(T0, Severity.CRITICAL, null))).isEqualTo(T0);
    }

    @Test
    void theSameStatusKeepsTheStartAndAChangeStartsAgain() {
        PathDiagnosis first = at(T0, Severity.CRITICAL, T0.minusSeconds(600));
        assertThat(StatusStreak.since(first, at(T0.plusSeconds(60), Severity.CRITICAL, null)))
                .isEqualTo(T0.minusSeconds(600));
        assertThat(StatusStreak.since(first, at(T0.plusSeconds(60), Severity.WARNING, null)))
                .isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void aPreviousDiagnosisWithoutStartCountsFromItsOwnTime() {
        // Written by a processor from before statusSince existed.
        assertThat(StatusStreak.since(at(T0, Severity.WARNING, null), at(T0.plusSeconds(60), Severity.WARNING, null)))
                .isEqualTo(T0);
    }

    @Test
    void aLateDiagnosisSaysNothingAboutTheStreak() {
        assertThat(StatusStreak.since(at(T0, Severity.WARNING, T0), at(T0.minusSeconds(60), Severity.WARNING, null)))
                .isNull();
    }

    private static PathDiagnosis at(Instant diagnosedAt, Severity status, Instant since) {
        PathDiagnosis d = new PathDiagnosis();
        d.setDiagnosedAt(diagnosedAt);
        d.setStatus(status);
        d.setStatusSince(since);
        return d;
    }
}
