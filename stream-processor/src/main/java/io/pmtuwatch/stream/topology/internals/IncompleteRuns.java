package io.pmtuwatch.stream.topology.internals;

import io.pmtuwatch.schemas.Finding;
import io.pmtuwatch.schemas.FindingCode;
import io.pmtuwatch.schemas.PathDiagnosis;

import java.util.EnumSet;
import java.util.Set;

/**
 * What an incomplete run (some observations never arrived) may change: it can report a fault, it
 * cannot say a fault is gone. Pure.
 */
public final class IncompleteRuns {

    private IncompleteRuns() {
    }

    /** Whether {@code next} may become the path's latest diagnosis in place of {@code previous}. */
    public static boolean mayReplace(PathDiagnosis previous, PathDiagnosis next) {
        if (next.getComplete() || previous == null || !previous.getComplete()) {
            return true;
        }
        return codes(next).containsAll(codes(previous));
    }

    private static Set<FindingCode> codes(PathDiagnosis diagnosis) {
        Set<FindingCode> codes = EnumSet.noneOf(FindingCode.class);
        for (Finding finding : diagnosis.getFindings()) {
            if (finding.getCode() != FindingCode.OK) {
                codes.add(finding.getCode());
            }
        }
        return codes;
    }
}
