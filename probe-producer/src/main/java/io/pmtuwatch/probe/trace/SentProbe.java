package io.pmtuwatch.probe.trace;

import io.pmtuwatch.schemas.ProbeMethod;
import io.pmtuwatch.schemas.ProbePhase;

/**
 * A probe as sent: its id in the run, TTL, IP packet size, method, phase, send times, and its ECMP
 * flow (index in the run, source port; 0 = unknown port).
 */
public record SentProbe(int sequence, int ttl, int size, ProbeMethod method, ProbePhase phase, long sentNanos,
        long sentAtMillis, int flow, int sourcePort) {

    /** A probe of the run's first flow. */
    public SentProbe(int sequence, int ttl, int size, ProbeMethod method, ProbePhase phase, long sentNanos,
            long sentAtMillis) {
        this(sequence, ttl, size, method, phase, sentNanos, sentAtMillis, 0, 0);
    }
}
