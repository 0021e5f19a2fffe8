package io.pmtuwatch.stream;

import io.pmtuwatch.diagnosis.DiagnosisContext;
import io.pmtuwatch.diagnosis.PathDiagnoser;
import io.pmtuwatch.stream.topology.RunDiagnoser;

/** The topology's diagnoser: the diagnosis module's rules, the same ones the probe's trace command uses. */
public final class DiagnosisRules {

    private DiagnosisRules() {
    }

    public static RunDiagnoser standard() {
        PathDiagnoser diagnoser = new PathDiagnoser();
        return (hops, handshake, complete, incompleteReason) -> diagnoser.diagnose(hops, handshake,
                complete || incompleteReason == null ? DiagnosisContext.completeRun()
                        : DiagnosisContext.incomplete(incompleteReason));
    }
}
