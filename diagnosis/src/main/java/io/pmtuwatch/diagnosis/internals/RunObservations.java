package io.pmtuwatch.diagnosis.internals;

import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.ProbePhase;
import java.util.ArrayList;
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
 */
public final class RunObservations {

    private static final Comparator<HopObservation> PROBE_ORDER = Comparator
            .comparingInt(HopObservation::getSequence)
            .thenComparingInt(HopObservation::getTtl)
            .thenComparing(HopObservation::getTimestamp)
            .thenComparing(Comparator.naturalOrder());

    private final List<HopObservation> ordered;

    private RunObservations(List<HopObservation> ordered) {
        this.ordered = List.copyOf(ordered);
    }

    public static RunObservations of(List<HopObservation> observations) {
        Map<Object, HopObservation> byProbe = new LinkedHashMap<>();
        for (HopObservation observation : observations) {
            Objects.requireNonNull(observation, "hop observation");
            byProbe.merge(probeKey(observation), observation,
                    (kept, other) -> kept.compareTo(other) <= 0 ? kept : other);
        }
        List<HopObservation> ordered = new ArrayList<>(byProbe.values());
        ordered.sort(PROBE_ORDER);
        return new RunObservations(ordered);
    }

    private static Object probeKey(HopObservation observation) {
        if (observation.getRunId() == null) {
            return observation;
        }
        // The path id is part of the key so that records of another path are never mistaken for
        // duplicates (and then rejected by the caller instead of silently dropped).
        return List.of(observation.getPathId(), observation.getRunId(), observation.getSequence());
    }

    public List<HopObservation> all() {
        return ordered;
    }

    public boolean isEmpty() {
        return ordered.isEmpty();
    }

    public List<HopObservation> matching(Predicate<HopObservation> filter) {
        return ordered.stream().filter(filter).toList();
    }

    public List<HopObservation> inPhase(ProbePhase phase) {
        return matching(o -> o.getPhase() == phase);
    }

    public Optional<HopObservation> first() {
        return ordered.stream().findFirst();
    }

    /** The interface MTU the agent reported at the start of the run (it should not change within one). */
    public Optional<Integer> localMtu() {
        return ordered.stream().map(HopObservation::getLocalMtu).filter(Objects::nonNull).findFirst();
    }
}
