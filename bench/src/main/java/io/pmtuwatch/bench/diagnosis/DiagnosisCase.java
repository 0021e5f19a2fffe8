package io.pmtuwatch.bench.diagnosis;

import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.HopObservation;

import java.time.Instant;
import java.util.List;

/**
 * One input of the diagnoser: a run's hops (any order, duplicates allowed), its handshake, and what the
 * caller adds (an incomplete reason as the topology's timeout gives, a fallback time for runs without
 * timestamps). Null means absent, as on the wire.
 */
public record DiagnosisCase(String name, List<HopObservation> hops, HandshakeObservation handshake,
                            String incompleteReason, Instant diagnosedAtFallback) {

    public static DiagnosisCase whole(String name, List<HopObservation> hops, HandshakeObservation handshake) {
        return new DiagnosisCase(name, hops, handshake, null, null);
    }
}
