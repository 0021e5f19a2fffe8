package io.pmtuwatch.stream.topology.anomaly;

import io.pmtuwatch.schemas.Finding;
import io.pmtuwatch.schemas.FindingCode;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.Severity;

import java.util.EnumMap;
import java.util.Map;

/**
 * What the path detectors need from one diagnosis: when, the PMTU, the findings with their
 * severity, and whether the run was complete. An incomplete sample carries no PMTU (a missing hop
 * can make it look higher or lower than it is) and its findings count only where present.
 */
public record PathSample(String pathId, String agentId, long atMs, Integer pmtu, Map<FindingCode, Severity> findings,
                         boolean complete) {

    public static PathSample of(PathDiagnosis diagnosis) {
        Map<FindingCode, Severity> findings = new EnumMap<>(FindingCode.class);
        for (Finding finding : diagnosis.getFindings()) {
            findings.merge(finding.getCode(), finding.getSeverity(), (a, b) -> a.ordinal() >= b.ordinal() ? a : b);
        }
        boolean complete = diagnosis.getComplete();
        return new PathSample(diagnosis.getPathId(), diagnosis.getAgent().getId(), diagnosis.getDiagnosedAt().toEpochMilli(),
                complete ? diagnosis.getPmtu() : null, findings, complete);
    }
}
