package io.pmtuwatch.diagnosis.internals;

import io.pmtuwatch.schemas.PmtuSource;
import java.util.Optional;

/**
 * The path MTU and how it was learned. {@code limitingHop} is the router in front of the narrowest
 * link (the PTB sender, or the last router that still passed big packets into a black hole); empty
 * when the local interface is the limit or nobody can be named.
 */
public record PmtuEstimate(Optional<Integer> pmtu, PmtuSource source, Optional<String> limitingHop) {

    public static PmtuEstimate unknown() {
        return new PmtuEstimate(Optional.empty(), PmtuSource.UNKNOWN, Optional.empty());
    }

    public boolean isKnown() {
        return pmtu.isPresent();
    }

    public int value() {
        return pmtu.orElseThrow(() -> new IllegalStateException("PMTU unknown"));
    }
}
