package io.pmtuwatch.diagnosis.internals;

import io.pmtuwatch.schemas.BlackHole;
import io.pmtuwatch.schemas.DiagnosedHop;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.HopOutcome;
import io.pmtuwatch.schemas.MtuDrop;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One entry per TTL that a TTL-walking probe used (TTLs never probed, e.g. lost records, are left
 * out rather than guessed). Each shows the best answer at that TTL and the path MTU known to hold up
 * to it: the interface MTU, lowered after every placed MTU drop, and after a localised black hole
 * to the largest size that got through; the target's hop never exceeds the path's PMTU.
 */
public final class HopListBuilder {

    /** Best first: an answer from the hop itself beats an error about it, which beats silence. */
    private static final List<HopOutcome> OUTCOME_PREFERENCE = List.of(
            HopOutcome.DESTINATION_REACHED, HopOutcome.TIME_EXCEEDED, HopOutcome.ADMIN_FILTERED,
            HopOutcome.OTHER, HopOutcome.PACKET_TOO_BIG, HopOutcome.NO_REPLY);

    private HopListBuilder() {
    }

    public static List<DiagnosedHop> build(RunObservations run, HopPositions positions, List<MtuDrop> drops,
            Optional<BlackHole> blackHole, Optional<Integer> localMtu, PmtuEstimate pmtu) {
        Map<Integer, List<HopObservation>> byTtl = run.matching(HopPositions::walksThePath).stream()
                .filter(o -> o.getTtl() > 0)
                .collect(Collectors.groupingBy(HopObservation::getTtl, TreeMap::new, Collectors.toList()));
        List<DiagnosedHop> hops = new ArrayList<>();
        for (Map.Entry<Integer, List<HopObservation>> entry : byTtl.entrySet()) {
            int ttl = entry.getKey();
            List<HopObservation> probes = entry.getValue();
            HopOutcome outcome = probes.stream().map(HopObservation::getOutcome)
                    .min(Comparator.comparingInt(OUTCOME_PREFERENCE::indexOf)).orElseThrow();
            Optional<String> address = addressAt(ttl, probes, positions);
            hops.add(DiagnosedHop.newBuilder()
                    .setTtl(ttl)
                    .setAddress(address.orElse(null))
                    .setRttMicros(bestRtt(probes, address).orElse(null))
                    .setPathMtu(pathMtuAt(ttl, outcome, byTtl, drops, blackHole, localMtu, pmtu).orElse(null))
                    .setOutcome(outcome)
                    .build());
        }
        return List.copyOf(hops);
    }

    /**
     * The responder at this TTL. A packet-too-big at this TTL came from the router before it, so it
     * names this hop only when that router is not known elsewhere.
     */
    private static Optional<String> addressAt(int ttl, List<HopObservation> probes, HopPositions positions) {
        Optional<String> placed = positions.addressAt(ttl);
        if (placed.isPresent()) {
            return placed;
        }
        return probes.stream()
                .filter(o -> o.getResponder() != null)
                .filter(o -> o.getOutcome() != HopOutcome.PACKET_TOO_BIG)
                .map(HopObservation::getResponder)
                .findFirst();
    }

    private static Optional<Long> bestRtt(List<HopObservation> probes, Optional<String> address) {
        return probes.stream()
                .filter(o -> address.isPresent() && address.get().equals(o.getResponder()))
                .map(HopObservation::getRttMicros)
                .filter(Objects::nonNull)
                .min(Long::compare);
    }

    private static Optional<Integer> pathMtuAt(int ttl, HopOutcome outcome, Map<Integer, List<HopObservation>> byTtl,
            List<MtuDrop> drops, Optional<BlackHole> blackHole, Optional<Integer> localMtu, PmtuEstimate pmtu) {
        Optional<Integer> mtu = localMtu.or(() -> largestAnsweredAtOrBeyond(ttl, byTtl));
        for (MtuDrop drop : drops) {
            if (drop.getRouterTtl() != null && drop.getRouterTtl() < ttl) {
                mtu = lower(mtu, drop.getToMtu());
            }
        }
        Optional<BlackHole> localisedHole = blackHole.filter(BlackHole::getDetected)
                .filter(hole -> hole.getFirstSilentTtl() != null && hole.getLargestOk() != null);
        if (localisedHole.isPresent() && ttl >= localisedHole.get().getFirstSilentTtl()) {
            mtu = lower(mtu, localisedHole.get().getLargestOk());
        }
        if (outcome == HopOutcome.DESTINATION_REACHED && pmtu.isKnown()) {
            mtu = lower(mtu, pmtu.value());
        }
        return mtu;
    }

    private static Optional<Integer> lower(Optional<Integer> mtu, int limit) {
        return Optional.of(mtu.map(m -> Math.min(m, limit)).orElse(limit));
    }

    /** Without an interface MTU: a probe of size S answered at or beyond this TTL crossed this hop. */
    private static Optional<Integer> largestAnsweredAtOrBeyond(int ttl, Map<Integer, List<HopObservation>> byTtl) {
        return byTtl.entrySet().stream()
                .filter(e -> e.getKey() >= ttl)
                .flatMap(e -> e.getValue().stream())
                .filter(o -> o.getOutcome() == HopOutcome.TIME_EXCEEDED
                        || o.getOutcome() == HopOutcome.DESTINATION_REACHED)
                .map(HopObservation::getProbeSize)
                .max(Integer::compare);
    }
}
