package io.pmtuwatch.diagnosis.internals;

import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.HopOutcome;
import io.pmtuwatch.schemas.ProbeMethod;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Which protocol measured a path: the kind of the first probe (by sequence) that reached the target,
 * since that is the kind the target answers and the PMTU search used; a run whose target never
 * answered is described by the kind most of its probes were. A trace that fell back from UDP to
 * echo, or to TCP, is so named by what got through. Pure.
 */
public final class RunProbeMethod {

    private RunProbeMethod() {
    }

    public static ProbeMethod of(List<HopObservation> observations) {
        return observations.stream()
                .filter(o -> o.getOutcome() == HopOutcome.DESTINATION_REACHED && o.getInvalidReason() == null)
                .min(Comparator.comparingInt(HopObservation::getSequence))
                .map(HopObservation::getMethod)
                .orElseGet(() -> mostUsed(observations));
    }

    private static ProbeMethod mostUsed(List<HopObservation> observations) {
        Map<ProbeMethod, Integer> counts = new EnumMap<>(ProbeMethod.class);
        for (HopObservation o : observations) {
            counts.merge(o.getMethod(), 1, Integer::sum);
        }
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                .orElse(ProbeMethod.UNKNOWN);
    }
}
