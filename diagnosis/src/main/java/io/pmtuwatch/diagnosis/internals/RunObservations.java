package io.pmtuwatch.diagnosis.internals;

import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.HopOutcome;
import io.pmtuwatch.schemas.ProbePhase;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One run's hop observations, deduplicated and in probe order.
 *
 * <p>Kafka producers retry, so the same probe (runId + sequence) may arrive twice, and partitions
 * are read in arrival order, not probe order. Both must not change the verdict: duplicates are
 * collapsed and the rest sorted by sequence, then TTL, then timestamp. When two records claim the
 * same probe but differ (a producer bug), the one that sorts first in Avro's own record order is
 * kept, so the choice does not depend on arrival order either. Passive observations have no run id
 * and no meaningful sequence; only exact copies of them are collapsed.
 *
 * <p>Read once per step of the diagnosis, so the views are plain loops over the ordered list (no
 * streams: this runs for every run the topology finishes).
 */
public final class RunObservations {

    private static final Comparator<HopObservation> PROBE_ORDER = Comparator
            .comparingInt(HopObservation::getSequence)
            .thenComparingInt(HopObservation::getTtl)
            .thenComparing(HopObservation::getTimestamp)
            .thenComparing(Comparator.naturalOrder());

    private final List<HopObservation> ordered;
    /** The largest probe size that reached the target; computed on first use. */
    private Optional<Integer> largestReached;

    private RunObservations(List<HopObservation> ordered) {
        this.ordered = Collections.unmodifiableList(ordered);
    }

    public static RunObservations of(List<HopObservation> observations) {
        if (inProbeOrderWithoutDuplicates(observations)) {
            return new RunObservations(new ArrayList<>(observations));
        }
        Map<ProbeKey, HopObservation> byProbe = new LinkedHashMap<>();
        for (HopObservation observation : observations) {
            Objects.requireNonNull(observation, "hop observation");
            byProbe.merge(probeKey(observation), observation,
                    (kept, other) -> kept.compareTo(other) <= 0 ? kept : other);
        }
        List<HopObservation> ordered = new ArrayList<>(byProbe.values());
        ordered.sort(PROBE_ORDER);
        return new RunObservations(ordered);
    }

    /**
     * Records of runs whose sequences strictly rise (as an agent sends them) have distinct probe keys and
     * are already in probe order: the map and the sort would give the same list back.
     */
    private static boolean inProbeOrderWithoutDuplicates(List<HopObservation> observations) {
        int previous = Integer.MIN_VALUE;
        boolean first = true;
        for (HopObservation observation : observations) {
            Objects.requireNonNull(observation, "hop observation");
            if (observation.getRunId() == null || (!first && observation.getSequence() <= previous)) {
                return false;
            }
            previous = observation.getSequence();
            first = false;
        }
        return true;
    }

    private static ProbeKey probeKey(HopObservation observation) {
        if (observation.getRunId() == null) {
            return new ProbeKey(observation, null, null, 0);
        }
        // The path id is part of the key so that records of another path are never mistaken for
        // duplicates (and then rejected by the caller instead of silently dropped).
        return new ProbeKey(null, observation.getPathId(), observation.getRunId(), observation.getSequence());
    }

    /** A passive observation is its own key (only exact copies collapse); an active one is its probe. */
    private record ProbeKey(HopObservation passive, String pathId, String runId, int sequence) {
    }

    public List<HopObservation> all() {
        return ordered;
    }

    public boolean isEmpty() {
        return ordered.isEmpty();
    }

    public List<HopObservation> matching(Predicate<HopObservation> filter) {
        List<HopObservation> result = new ArrayList<>();
        for (HopObservation o : ordered) {
            if (filter.test(o)) {
                result.add(o);
            }
        }
        return result;
    }

    public List<HopObservation> inPhase(ProbePhase phase) {
        List<HopObservation> result = new ArrayList<>();
        for (HopObservation o : ordered) {
            if (o.getPhase() == phase) {
                result.add(o);
            }
        }
        return result;
    }

    public boolean anyInPhase(ProbePhase phase) {
        for (HopObservation o : ordered) {
            if (o.getPhase() == phase) {
                return true;
            }
        }
        return false;
    }

    /** The largest probe size that reached the target, whichever phase sent it. */
    public Optional<Integer> largestSizeThatReachedTarget() {
        if (largestReached == null) {
            Integer largest = null;
            for (HopObservation o : ordered) {
                if (o.getOutcome() == HopOutcome.DESTINATION_REACHED && (largest == null || o.getProbeSize() > largest)) {
                    largest = o.getProbeSize();
                }
            }
            largestReached = Optional.ofNullable(largest);
        }
        return largestReached;
    }

    public Optional<HopObservation> first() {
        return ordered.isEmpty() ? Optional.empty() : Optional.of(ordered.get(0));
    }

    /** The interface MTU the agent reported at the start of the run (it should not change within one). */
    public Optional<Integer> localMtu() {
        for (HopObservation o : ordered) {
            if (o.getLocalMtu() != null) {
                return Optional.of(o.getLocalMtu());
            }
        }
        return Optional.empty();
    }
}
