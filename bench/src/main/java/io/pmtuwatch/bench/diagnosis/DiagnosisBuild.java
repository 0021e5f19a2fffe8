package io.pmtuwatch.bench.diagnosis;

import io.pmtuwatch.schemas.PathDiagnosis;

import java.nio.file.Path;

/** A build of the diagnosis module that the diagnosis bench compares and times. */
public interface DiagnosisBuild {

    String label();

    /** Where the build was loaded from (jar or classes directory). */
    Path location();

    /**
     * Diagnoses one case.
     *
     * @throws RuntimeException as the diagnoser throws it (an {@link IllegalArgumentException} for inputs it refuses)
     */
    PathDiagnosis diagnose(DiagnosisCase c) throws ReflectiveOperationException;
}
