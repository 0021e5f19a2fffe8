package io.pmtuwatch.diagnosis.internals;

import io.pmtuwatch.diagnosis.DiagnosisContext;
import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.HandshakeOutcome;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.Target;
import io.pmtuwatch.schemas.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a diagnosis rests on everything it needs. Complete means: every observation the run
 * produced was seen (its last record arrived and, when it says how many there were, that many
 * distinct ones), and, for a TCP target, a handshake that delivered MSS values. A UDP or ICMP target
 * has no handshake to miss, so its absence does not make a diagnosis incomplete. Passive
 * observations belong to no run, so only the handshake part applies to them. The caller may add
 * its own reason (e.g. an assembly timeout).
 */
public record Completeness(boolean complete, Optional<String> reason) {

    public static Completeness of(RunObservations run, Optional<HandshakeObservation> handshake, Target target,
            DiagnosisContext context) {
        List<String> reasons = new ArrayList<>();
        context.incompleteReason().ifPresent(reasons::add);
        runReason(run).ifPresent(reasons::add);
        handshakeReason(handshake, target).ifPresent(reasons::add);
        return reasons.isEmpty()
                ? new Completeness(true, Optional.empty())
                : new Completeness(false, Optional.of(String.join("; ", reasons)));
    }

    private static Optional<String> runReason(RunObservations run) {
        if (run.isEmpty()) {
            return Optional.of("no hop observations");
        }
        int active = 0;
        HopObservation last = null;
        for (HopObservation o : run.all()) {
            if (o.getRunId() != null) {
                active++;
                if (last == null && o.getLastInRun()) {
                    last = o;
                }
            }
        }
        if (active == 0) {
            return Optional.empty();
        }
        if (last == null) {
            return Optional.of("last observation of the run not received");
        }
        Integer expected = last.getRunProbeCount();
        if (expected != null && active < expected) {
            return Optional.of("only " + active + " of " + expected + " observations of the run received");
        }
        return Optional.empty();
    }

    private static Optional<String> handshakeReason(Optional<HandshakeObservation> handshake, Target target) {
        if (target.getTransport() != Transport.TCP) {
            return Optional.empty();
        }
        if (handshake.isEmpty()) {
            return Optional.of("no handshake");
        }
        HandshakeObservation observed = handshake.get();
        if (observed.getMssSent() == null && observed.getMssReceived() == null) {
            String detail = observed.getError() != null ? ": " + observed.getError() : "";
            return Optional.of("handshake without MSS values (" + observed.getOutcome() + detail + ")");
        }
        if (observed.getMssReceived() == null && observed.getOutcome() != HandshakeOutcome.ESTABLISHED) {
            return Optional.of("handshake got no SYN-ACK (" + observed.getOutcome() + ")");
        }
        return Optional.empty();
    }
}
