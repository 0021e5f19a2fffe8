package io.pmtuwatch.diagnosis.internals.findings;

import io.pmtuwatch.schemas.Finding;
import io.pmtuwatch.schemas.FindingCode;
import io.pmtuwatch.schemas.Severity;

/** Small factory so rules read as sentences. */
final class Findings {

    private Findings() {
    }

    static Finding finding(FindingCode code, Severity severity, String message, String fix, String hop) {
        return Finding.newBuilder()
                .setCode(code)
                .setSeverity(severity)
                .setMessage(message)
                .setFix(fix)
                .setHop(hop)
                .build();
    }
}
