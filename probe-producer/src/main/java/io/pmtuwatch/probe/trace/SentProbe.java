package io.pmtuwatch.probe.trace;

import io.pmtuwatch.schemas.ProbeMethod;
import io.pmtuwatch.schemas.ProbePhase;

/** A probe as sent: its id in the run, TTL, IP packet size, method, phase and send times. */
public record SentProbe(int sequence, int ttl, int size, ProbeMethod method, ProbePhase phase, long sentNanos,
        long sentAtMillis) {
}
