package io.pmtuwatch.diagnosis.internals;

import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.HopOutcome;
import io.pmtuwatch.schemas.ProbeMethod;
import java.util.List;

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
        HopObservation firstReached = null;
        for (HopObservation o : observations) {
            // The first of equal sequences, in the order given.
            if (o.getOutcome() == HopOutcome.DESTINATION_REACHED && o.getInvalidReason() == null
                    && (firstReached == null || o.getSequence() < firstReached.getSequence())) {
                firstReached = o;
            }
        }
        return firstReached != null ? firstReached.getMethod() : mostUsed(observations);
    }

    /** The method most probes used; of equally used ones the first declared. */
    private static ProbeMethod mostUsed(List<HopObservation> observations) {
        ProbeMethod[] methods = ProbeMethod.values();
        int[] counts = new int[methods.length];
        for (HopObservation o : observations) {
            counts[o.getMethod().ordinal()]++;
        }
        ProbeMethod most = ProbeMethod.UNKNOWN;
        int mostCount = 0;
        for (ProbeMethod method : methods) {
            if (counts[method.ordinal()] > mostCount) {
                most = method;
                mostCount = counts[method.ordinal()];
            }
        }
        return most;
    }
}
