package io.pmtuwatch.stream.topology.internals;

import io.pmtuwatch.schemas.PathDiagnosis;
import java.time.Instant;

/** Since when a path has had its status: pure, from its previous latest diagnosis. */
public final class StatusStreak {

    private StatusStreak() {
    }

    /**
     * @param previous the path's latest diagnosis before {@code current}; null for a new path
     * @return when the streak of {@code current}'s status began; null for a diagnosis older than
     *         {@code previous} (delivered late: it says nothing about the streak)
     */
    public static Instant since(PathDiagnosis previous, PathDiagnosis current) {
        if (previous == null) {
            return current.getDiagnosedAt();
        }
        if (current.getDiagnosedAt().isBefore(previous.getDiagnosedAt())) {
            return null;
        }
        if (previous.getStatus() != current.getStatus()) {
            return current.getDiagnosedAt();
        }
        return previous.getStatusSince() != null ? previous.getStatusSince() : previous.getDiagnosedAt();
    }
}
