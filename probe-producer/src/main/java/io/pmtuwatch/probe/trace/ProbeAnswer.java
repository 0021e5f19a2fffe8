package io.pmtuwatch.probe.trace;

import io.pmtuwatch.schemas.HopOutcome;
import java.util.Optional;

/**
 * What one received ICMP message or datagram means: the probe it answers (when it could be tied to
 * one), the outcome, the responder, the reported MTU, and, when rejected, why. Rejected answers are
 * kept (as observations with invalidReason) so that they are counted, but never drive the trace.
 */
public record ProbeAnswer(Optional<SentProbe> probe, HopOutcome outcome, String responder, Integer reportedMtu,
        String invalidReason, long receivedNanos, boolean localError) {

    public boolean valid() {
        return invalidReason == null;
    }

    public Optional<Long> rttMicros() {
        return probe.map(p -> Math.max(0, (receivedNanos - p.sentNanos()) / 1000));
    }
}
