package io.pmtuwatch.diagnosis;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the caller knows about a run that the observations cannot say themselves.
 *
 * <p>{@code incompleteReason}: set when the caller diagnoses a run it knows to be cut short, e.g.
 * the stream processor's assembly timeout fired before the last observation arrived. The diagnoser
 * adds its own reasons (missing last record, missing handshake); see {@link PathDiagnoser}.
 *
 * <p>{@code diagnosedAtFallback}: the event time to use when no observation carries a usable
 * timestamp (all zero, e.g. replayed captures without times). Normally the diagnosis time is the
 * newest observation's timestamp, so replays give the same record as the live run.
 */
public record DiagnosisContext(Optional<String> incompleteReason, Optional<Instant> diagnosedAtFallback) {

    public DiagnosisContext {
        Objects.requireNonNull(incompleteReason, "incompleteReason");
        Objects.requireNonNull(diagnosedAtFallback, "diagnosedAtFallback");
    }

    /** A run handed over whole (its last observation was seen, or it is a one-shot trace). */
    public static DiagnosisContext completeRun() {
        return new DiagnosisContext(Optional.empty(), Optional.empty());
    }

    /** A run the caller gave up waiting for, with the reason shown to users (e.g. "timed out after 30 s"). */
    public static DiagnosisContext incomplete(String reason) {
        return new DiagnosisContext(Optional.of(Objects.requireNonNull(reason, "reason")), Optional.empty());
    }

    public DiagnosisContext withDiagnosedAtFallback(Instant fallback) {
        return new DiagnosisContext(incompleteReason, Optional.of(Objects.requireNonNull(fallback, "fallback")));
    }
}
