package io.pmtuwatch.diagnosis.internals;

import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.HopOutcome;
import io.pmtuwatch.schemas.ProbePhase;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where each router sits: the TTL at which it answered a TTL-limited probe with time exceeded (or,
 * for the target, with its own answer). A packet-too-big says nothing about its sender's position
 * (the probe's TTL was not used up), so routers are placed only by these answers.
 */
public final class HopPositions {

    private final Map<Integer, String> addressByTtl;
    private final Map<String, Integer> ttlByAddress;

    private HopPositions(Map<Integer, String> addressByTtl, Map<String, Integer> ttlByAddress) {
        this.addressByTtl = addressByTtl;
        this.ttlByAddress = ttlByAddress;
    }

    public static HopPositions of(RunObservations run) {
        Map<Integer, String> addressByTtl = new HashMap<>();
        Map<String, Integer> ttlByAddress = new HashMap<>();
        for (HopObservation observation : run.all()) {
            if (!placesItsResponder(observation)) {
                continue;
            }
            addressByTtl.putIfAbsent(observation.getTtl(), observation.getResponder());
            ttlByAddress.merge(observation.getResponder(), observation.getTtl(), Math::min);
        }
        return new HopPositions(addressByTtl, ttlByAddress);
    }

    /** Probes whose TTL walks the path: hop tracing and black-hole localisation. */
    public static boolean walksThePath(HopObservation observation) {
        return observation.getPhase() == ProbePhase.HOP_TRACE
                || observation.getPhase() == ProbePhase.BLACK_HOLE_LOCALIZATION;
    }

    private static boolean placesItsResponder(HopObservation observation) {
        return walksThePath(observation) && observation.getResponder() != null && observation.getTtl() > 0
                && (observation.getOutcome() == HopOutcome.TIME_EXCEEDED
                        || observation.getOutcome() == HopOutcome.DESTINATION_REACHED);
    }

    public Optional<String> addressAt(int ttl) {
        return Optional.ofNullable(addressByTtl.get(ttl));
    }

    public Optional<Integer> ttlOf(String address) {
        return Optional.ofNullable(ttlByAddress.get(address));
    }

    /**
     * The TTL of the router that sent {@code ptb}. Known when it also answered time exceeded.
     * Otherwise, for a TTL-walking probe, a router refusing a probe sent with TTL t sits at t - 1
     * (routers check the TTL before the MTU, so the router at t would have answered time exceeded);
     * that is used only when no other router is known at t - 1.
     */
    public Optional<Integer> positionOfPtbSender(HopObservation ptb) {
        Optional<Integer> seen = ttlOf(ptb.getResponder());
        if (seen.isPresent()) {
            return seen;
        }
        int before = ptb.getTtl() - 1;
        if (walksThePath(ptb) && before >= 1 && addressAt(before).isEmpty()) {
            return Optional.of(before);
        }
        return Optional.empty();
    }
}
