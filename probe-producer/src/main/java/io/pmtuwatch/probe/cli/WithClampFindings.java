package io.pmtuwatch.probe.cli;

import io.pmtuwatch.schemas.Finding;
import io.pmtuwatch.schemas.FindingCode;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.Severity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Joins the clamp locator's MSS_CLAMPED findings to a trace's diagnosis: findings stay worst first
 * and the status becomes the worst severity; an OK finding goes when a clamp warns. Pure.
 */
final class WithClampFindings {

    private static final List<Severity> WORST_FIRST = List.of(Severity.CRITICAL, Severity.WARNING, Severity.INFO,
            Severity.UNKNOWN);

    private WithClampFindings() {
    }

    static PathDiagnosis add(PathDiagnosis diagnosis, List<Finding> clampFindings) {
        if (clampFindings.isEmpty()) {
            return diagnosis;
        }
        List<Finding> findings = new ArrayList<>(diagnosis.getFindings());
        findings.addAll(clampFindings);
        // Stable: within one severity the diagnosis' own order comes first.
        findings.sort(Comparator.comparingInt(f -> WORST_FIRST.indexOf(f.getSeverity())));
        Severity status = findings.stream().map(Finding::getSeverity)
                .min(Comparator.comparingInt(WORST_FIRST::indexOf)).orElse(diagnosis.getStatus());
        if (status == Severity.UNKNOWN) {
            status = diagnosis.getStatus();
        }
        if (status == Severity.WARNING || status == Severity.CRITICAL) {
            findings.removeIf(f -> f.getCode() == FindingCode.OK); // "nothing wrong" no longer holds
        }
        return PathDiagnosis.newBuilder(diagnosis).setFindings(findings).setStatus(status).build();
    }
}
