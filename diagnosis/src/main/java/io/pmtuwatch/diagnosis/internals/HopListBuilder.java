package io.pmtuwatch.diagnosis.internals;

import io.pmtuwatch.schemas.BlackHole;
import io.pmtuwatch.schemas.DiagnosedHop;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.HopOutcome;
import io.pmtuwatch.schemas.MtuDrop;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

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
    /** {@link #OUTCOME_PREFERENCE} by ordinal (-1: not listed, ranks before all, as indexOf gives). */
    private static final int[] PREFERENCE_BY_ORDINAL = preferenceByOrdinal();

    private HopListBuilder() {
    }

    public static List<DiagnosedHop> build(RunObservations run, HopPositions positions, List<MtuDrop> drops,
            Optional<BlackHole> blackHole, Optional<Integer> localMtu, PmtuEstimate pmtu) {
        TreeMap<Integer, List<HopObservation>> byTtl = new TreeMap<>();
        for (HopObservation o : run.all()) {
            if (HopPositions.walksThePath(o) && o.getTtl() > 0) {
                byTtl.computeIfAbsent(o.getTtl(), ttl -> new ArrayList<>(2)).add(o);
            }
        }
        BlackHole localisedHole = blackHole.filter(BlackHole::getDetected)
                .filter(hole -> hole.getFirstSilentTtl() != null && hole.getLargestOk() != null).orElse(null);
        List<DiagnosedHop> hops = new ArrayList<>(byTtl.size());
        for (Map.Entry<Integer, List<HopObservation>> entry : byTtl.entrySet()) {
            int ttl = entry.getKey();
            List<HopObservation> probes = entry.getValue();
            HopOutcome outcome = bestOutcome(probes);
            String address = addressAt(ttl, probes, positions);
            // Every field given: the constructor, not a builder per hop (see Findings.finding).
            hops.add(new DiagnosedHop(ttl, address, bestRtt(probes, address),
                    pathMtuAt(ttl, outcome, byTtl, drops, localisedHole, localMtu, pmtu), outcome));
        }
        return List.copyOf(hops);
    }

    private static int[] preferenceByOrdinal() {
        int[] preference = new int[HopOutcome.values().length];
        for (HopOutcome outcome : HopOutcome.values()) {
            preference[outcome.ordinal()] = OUTCOME_PREFERENCE.indexOf(outcome);
        }
        return preference;
    }

    private static HopOutcome bestOutcome(List<HopObservation> probes) {
        HopOutcome best = null;
        for (HopObservation o : probes) {
            if (best == null || PREFERENCE_BY_ORDINAL[o.getOutcome().ordinal()]
                    < PREFERENCE_BY_ORDINAL[best.ordinal()]) {
                best = o.getOutcome();
            }
        }
        return best;
    }

    /**
     * The responder at this TTL. A packet-too-big at this TTL came from the router before it, so it
     * names this hop only when that router is not known elsewhere.
     */
    private static String addressAt(int ttl, List<HopObservation> probes, HopPositions positions) {
        Optional<String> placed = positions.addressAt(ttl);
        if (placed.isPresent()) {
            return placed.get();
        }
        for (HopObservation o : probes) {
            if (o.getResponder() != null && o.getOutcome() != HopOutcome.PACKET_TOO_BIG) {
                return o.getResponder();
            }
        }
        return null;
    }

    private static Long bestRtt(List<HopObservation> probes, String address) {
        if (address == null) {
            return null;
        }
        Long best = null;
        for (HopObservation o : probes) {
            Long rtt = o.getRttMicros();
            if (rtt != null && address.equals(o.getResponder()) && (best == null || rtt < best)) {
                best = rtt;
            }
        }
        return best;
    }

    private static Integer pathMtuAt(int ttl, HopOutcome outcome, TreeMap<Integer, List<HopObservation>> byTtl,
            List<MtuDrop> drops, BlackHole localisedHole, Optional<Integer> localMtu, PmtuEstimate pmtu) {
        Integer mtu = localMtu.isPresent() ? localMtu.get() : largestAnsweredAtOrBeyond(ttl, byTtl);
        for (MtuDrop drop : drops) {
            if (drop.getRouterTtl() != null && drop.getRouterTtl() < ttl) {
                mtu = lower(mtu, drop.getToMtu());
            }
        }
        if (localisedHole != null && ttl >= localisedHole.getFirstSilentTtl()) {
            mtu = lower(mtu, localisedHole.getLargestOk());
        }
        if (outcome == HopOutcome.DESTINATION_REACHED && pmtu.isKnown()) {
            mtu = lower(mtu, pmtu.value());
        }
        return mtu;
    }

    private static Integer lower(Integer mtu, int limit) {
        return mtu == null ? limit : Math.min(mtu, limit);
    }

    /** Without an interface MTU: a probe of size S answered at or beyond this TTL crossed this hop. */
    private static Integer largestAnsweredAtOrBeyond(int ttl, TreeMap<Integer, List<HopObservation>> byTtl) {
        Integer largest = null;
        for (List<HopObservation> probes : byTtl.tailMap(ttl, true).values()) {
            for (HopObservation o : probes) {
                if ((o.getOutcome() == HopOutcome.TIME_EXCEEDED || o.getOutcome() == HopOutcome.DESTINATION_REACHED)
                        && (largest == null || o.getProbeSize() > largest)) {
                    largest = o.getProbeSize();
                }
            }
        }
        return largest;
    }
}
