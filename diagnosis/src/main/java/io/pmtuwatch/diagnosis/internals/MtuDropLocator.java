package io.pmtuwatch.diagnosis.internals;

import io.pmtuwatch.diagnosis.LikelyCauses;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.MtuDrop;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Names every link where the path MTU drops. Each validated packet-too-big names its sender, the
 * router in front of the narrow link; the next hop is whoever answered at the following TTL. PTBs
 * are walked in path order and only those that lower the MTU known so far make a drop: a PTB never
 * raises a path MTU, and repeats of the same report add nothing. The MTU before a drop is unknown
 * (null) when neither an interface MTU nor the refused packet's size is known.
 */
public final class MtuDropLocator {

    /** In path order; at one position the larger MTU first, so that only real drops are kept. */
    private static final Comparator<PlacedPtb> PATH_ORDER = Comparator.comparingInt(PlacedPtb::pathPosition)
            .thenComparingInt(p -> -p.ptb().getReportedMtu());

    private MtuDropLocator() {
    }

    public static List<MtuDrop> locate(ValidatedPtbs ptbs, HopPositions positions, Optional<Integer> localMtu) {
        if (ptbs.valid().isEmpty()) {
            return List.of();
        }
        List<PlacedPtb> placed = new ArrayList<>();
        for (HopObservation ptb : ptbs.valid()) {
            placed.add(new PlacedPtb(ptb, positions.positionOfPtbSender(ptb)));
        }
        placed.sort(PATH_ORDER);

        List<MtuDrop> drops = new ArrayList<>();
        Optional<Integer> running = localMtu;
        for (PlacedPtb p : placed) {
            int toMtu = p.ptb().getReportedMtu();
            // Without a known interface MTU, the refused probe itself proves the MTU before the link;
            // a refused size of 0 (a quoted offload super-segment) proves nothing: the MTU before is unknown.
            int probeSize = p.ptb().getProbeSize();
            Integer fromMtu = running.orElse(probeSize > 0 ? probeSize : null);
            if (fromMtu != null && toMtu >= fromMtu) {
                continue;
            }
            // Every field given: the constructor, not a builder (see Findings.finding).
            drops.add(new MtuDrop(p.ptb().getResponder(), p.routerTtl().orElse(null),
                    p.routerTtl().flatMap(ttl -> positions.addressAt(ttl + 1)).orElse(null), fromMtu, toMtu,
                    LikelyCauses.forDrop(fromMtu, toMtu)));
            running = Optional.of(toMtu);
        }
        return List.copyOf(drops);
    }

    private record PlacedPtb(HopObservation ptb, Optional<Integer> routerTtl) {
        /** Unplaced senders last. */
        int pathPosition() {
            return routerTtl.orElse(Integer.MAX_VALUE);
        }
    }
}
