package io.pmtuwatch.diagnosis.internals.findings;

import io.pmtuwatch.schemas.Finding;
import io.pmtuwatch.schemas.FindingCode;
import io.pmtuwatch.schemas.Severity;

/** Small factory so rules read as sentences. */
final class Findings {

    private Findings() {
    }

    /**
     * Every field is given, so the record's constructor does what the builder would, without the builder's
     * set-up per record (a copy of the schema's field list) and checks per field: a run gives several.
     */
    static Finding finding(FindingCode code, Severity severity, String message, String fix, String hop) {
        return new Finding(code, severity, message, fix, hop);
    }
}
