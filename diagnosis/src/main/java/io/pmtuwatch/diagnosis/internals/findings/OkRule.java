package io.pmtuwatch.diagnosis.internals.findings;

import static io.pmtuwatch.diagnosis.internals.findings.Findings.finding;

import io.pmtuwatch.diagnosis.internals.PathFacts;
import io.pmtuwatch.schemas.Finding;
import io.pmtuwatch.schemas.FindingCode;
import io.pmtuwatch.schemas.Severity;
import java.util.List;

/**
 * Normal: PMTU >= MSS + headers. Said only when the PMTU is known and no other rule found a
 * problem, so a path's findings never say "OK" and "broken" at once.
 */
public final class OkRule {

    public List<Finding> apply(PathFacts facts, List<Finding> problems) {
        if (anyProblem(problems) || !facts.pmtu().isKnown()) {
            return List.of();
        }
        int pmtu = facts.pmtu().value();
        int headers = facts.rules().headerBytes;
        String mssPart = facts.mss().combined()
                .map(mss -> "; the combined MSS fits: " + mss + " + " + headers + " = " + (mss + headers) + " <= " + pmtu)
                .orElse(facts.handshakeSeen() ? "; the handshake carried no MSS to check"
                        : "; no TCP handshake was measured, so the MSS was not checked");
        return List.of(finding(FindingCode.OK, Severity.INFO,
                "Path MTU " + pmtu + " bytes (" + facts.rules().label + ")" + mssPart + ".", null, null));
    }

    private static boolean anyProblem(List<Finding> findings) {
        for (Finding f : findings) {
            if (f.getSeverity() == Severity.WARNING || f.getSeverity() == Severity.CRITICAL) {
                return true;
            }
        }
        return false;
    }
}
