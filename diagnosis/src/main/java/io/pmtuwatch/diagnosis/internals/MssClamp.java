package io.pmtuwatch.diagnosis.internals;

import io.pmtuwatch.schemas.HandshakeObservation;

import java.util.Optional;

/**
 * Where a middlebox rewrites the MSS option of SYNs, as the clamp locator found it.
 *
 * @param after the MSS after the router; empty when it removed the option
 */
public record MssClamp(String router, Optional<Integer> ttl, int before, Optional<Integer> after) {

    public static Optional<MssClamp> of(Optional<HandshakeObservation> handshake) {
        return handshake.filter(h -> h.getClampRouter() != null && h.getMssBeforeClamp() != null)
                .map(h -> new MssClamp(h.getClampRouter(), Optional.ofNullable(h.getClampTtl()), h.getMssBeforeClamp(),
                        Optional.ofNullable(h.getMssAfterClamp())));
    }
}
