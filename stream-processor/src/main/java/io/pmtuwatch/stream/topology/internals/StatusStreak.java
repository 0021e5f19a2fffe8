package io.pmtuwatch.stream.topology.internals;

import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.Severity;
import java.time.Instant;

/** Since when a path has had its status: pure, from its previous latest diagnosis. */
public final class StatusStreak {

    /** What the streak needs of the path's latest diagnosis (kept apart so that it is not decoded whole). */
    public record Previous(Instant diagnosedAt, Severity status, Instant statusSince) {

        /** @return null for null (a new path) */
        public static Previous of(PathDiagnosis diagnosis) {
            return diagnosis == null ? null
                    : new Previous(diagnosis.getDiagnosedAt(), diagnosis.getStatus(), diagnosis.getStatusSince());
        }
    }

    private StatusStreak() {
    }

    /**
     * @param previous the path's latest diagnosis before {@code current}; null for a new path
     * @return when the streak of {@code current}'s status began; null for a diagnosis older than
     *         {@code previous} (delivered late: it says nothing about the streak)
     */
    public static Instant since(PathDiagnosis previous, PathDiagnosis current) {
        return sinceAfter(Previous.of(previous), current);
    }

    /** The same, from what the streak needs of the previous diagnosis. */
    public static Instant sinceAfter(Previous previous, PathDiagnosis current) {
        if (previous == null) {
            return current.getDiagnosedAt();
        }
        if (current.getDiagnosedAt().isBefore(previous.diagnosedAt())) {
            return null;
        }
        if (previous.status() != current.getStatus()) {
            return current.getDiagnosedAt();
        }
        return previous.statusSince() != null ? previous.statusSince() : previous.diagnosedAt();
    }
}
