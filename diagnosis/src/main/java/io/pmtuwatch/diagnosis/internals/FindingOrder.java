package io.pmtuwatch.diagnosis.internals;

import io.pmtuwatch.schemas.Finding;
import io.pmtuwatch.schemas.FindingCode;
import io.pmtuwatch.schemas.Severity;
import java.util.Comparator;
import java.util.List;

/**
 * Worst first: by severity, then by how directly the code explains lost or slow traffic. The sort is
 * stable, so findings of one code (MTU drops) keep their path order.
 */
public final class FindingOrder {

    private static final List<FindingCode> CODE_PRIORITY = List.of(
            FindingCode.PMTUD_FAILURE, FindingCode.RETURN_PATH_BLACK_HOLE, FindingCode.PTB_IGNORED,
            FindingCode.UNDERSIZED_PMTU, FindingCode.OVERSIZED_MSS,
            FindingCode.UNDERSIZED_MSS, FindingCode.ECMP_NARROW_MEMBER, FindingCode.MSS_CLAMPED, FindingCode.MTU_DROP, FindingCode.INVALID_PTB,
            FindingCode.UNKNOWN, FindingCode.OK);

    public static final Comparator<Finding> WORST_FIRST = Comparator
            .comparingInt((Finding f) -> -rank(f.getSeverity()))
            .thenComparingInt(f -> CODE_PRIORITY.indexOf(f.getCode()));

    private FindingOrder() {
    }

    /** Severity's own order puts UNKNOWN last; for "how bad" it ranks below INFO. */
    public static int rank(Severity severity) {
        return switch (severity) {
            case CRITICAL -> 3;
            case WARNING -> 2;
            case INFO -> 1;
            default -> 0;
        };
    }

    /** The path's status: its worst finding, or UNKNOWN when nothing could be said. */
    public static Severity status(List<Finding> findings) {
        Severity worst = null;
        for (Finding finding : findings) {
            if (worst == null || rank(finding.getSeverity()) > rank(worst)) {
                worst = finding.getSeverity();
            }
        }
        return worst == null ? Severity.UNKNOWN : worst;
    }
}
