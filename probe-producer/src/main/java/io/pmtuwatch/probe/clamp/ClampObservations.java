package io.pmtuwatch.probe.clamp;

import io.pmtuwatch.schemas.HandshakeObservation;

/**
 * Carries the clamp locator's result on the run's handshake observation, where the diagnosis reads
 * it (MSS_CLAMPED). Only an exactly located change at a named router fits the contract's fields; a
 * range of hops stays in the `clamp` command's own output. Pure.
 */
public final class ClampObservations {

    private ClampObservations() {
    }

    public static HandshakeObservation withClamp(HandshakeObservation handshake, ClampVerdict verdict) {
        return verdict.changes().stream()
                .filter(change -> change.exact() && change.router() != null)
                .findFirst()
                .map(change -> HandshakeObservation.newBuilder(handshake)
                        .setClampRouter(change.router())
                        .setClampTtl(change.firstTtl())
                        .setMssBeforeClamp(change.before())
                        .setMssAfterClamp(change.after())
                        .build())
                .orElse(handshake);
    }
}
