package io.pmtuwatch.diagnosis.internals;

import io.pmtuwatch.schemas.BlackHole;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.HopOutcome;
import io.pmtuwatch.schemas.ProbePhase;
import java.util.List;
import java.util.Optional;

/**
 * PMTU discovery failure: the target answers small probes but larger ones vanish without a
 * packet-too-big. Loss is not size: a size counts as lost only when every attempt at it went
 * unanswered and some smaller size got through; a size that got through even once is fine. Sizes
 * above a validated PTB's MTU (or the interface MTU) are explained by that limit and do not count.
 * Localisation: TTL-limited oversized probes are answered up to the router in front of the narrow
 * link, then nothing answers.
 */
public final class BlackHoleAnalyzer {

    private BlackHoleAnalyzer() {
    }

    /** Empty when the run did no size search or localisation. */
    public static Optional<BlackHole> analyze(RunObservations run, ValidatedPtbs ptbs, Optional<Integer> localMtu) {
        List<HopObservation> search = run.inPhase(ProbePhase.SIZE_SEARCH);
        List<HopObservation> localisation = run.inPhase(ProbePhase.BLACK_HOLE_LOCALIZATION);
        if (search.isEmpty() && localisation.isEmpty()) {
            return Optional.empty();
        }
        // Any probe that reached the target proves its size passes, whichever phase sent it.
        Optional<Integer> largestOk = run.largestSizeThatReachedTarget();
        Optional<Integer> smallestLost = largestOk.flatMap(ok -> smallestLostAbove(search, ok));
        Integer knownLimit = ptbs.smallest().map(HopObservation::getReportedMtu).orElse(null);
        if (localMtu.isPresent() && (knownLimit == null || localMtu.get() < knownLimit)) {
            knownLimit = localMtu.get();
        }
        boolean detected = smallestLost.isPresent() && (knownLimit == null || smallestLost.get() <= knownLimit);

        // The optional fields are given (as their default, null) so that build() does not look the
        // schema's defaults up, which Avro does field by field on every build.
        BlackHole.Builder result = BlackHole.newBuilder()
                .setLastRespondingTtl(null)
                .setRouter(null)
                .setFirstSilentTtl(null)
                .setDetected(detected)
                .setLargestOk(largestOk.orElse(null))
                .setSmallestLost(smallestLost.orElse(null));
        if (detected) {
            localise(localisation, largestOk.get(), result);
        }
        return Optional.of(result.build());
    }

    /** The smallest searched size above {@code ok} that every attempt lost. */
    private static Optional<Integer> smallestLostAbove(List<HopObservation> search, int ok) {
        Integer smallest = null;
        for (HopObservation o : search) {
            int size = o.getProbeSize();
            if (size > ok && o.getOutcome() == HopOutcome.NO_REPLY && (smallest == null || size < smallest)
                    && allLost(search, size)) {
                smallest = size;
            }
        }
        return Optional.ofNullable(smallest);
    }

    private static boolean allLost(List<HopObservation> search, int size) {
        for (HopObservation o : search) {
            if (o.getProbeSize() == size && o.getOutcome() != HopOutcome.NO_REPLY) {
                return false;
            }
        }
        return true;
    }

    private static void localise(List<HopObservation> localisation, int largestOk, BlackHole.Builder result) {
        HopObservation lastAnswer = null;
        for (HopObservation o : localisation) {
            // The first of equal TTLs, in probe order.
            if (o.getProbeSize() > largestOk && o.getOutcome() == HopOutcome.TIME_EXCEEDED
                    && (lastAnswer == null || o.getTtl() > lastAnswer.getTtl())) {
                lastAnswer = o;
            }
        }
        int lastTtl = lastAnswer == null ? 0 : lastAnswer.getTtl();
        if (lastAnswer != null) {
            result.setLastRespondingTtl(lastAnswer.getTtl()).setRouter(lastAnswer.getResponder());
        }
        // Silence beyond an answering hop places the drop. With no hop answering at all, silence means
        // something only where a small control probe at the same TTL was answered: otherwise the
        // routers may just be out of ICMP tokens.
        boolean placed = lastAnswer != null || controlAnswered(localisation, largestOk, lastTtl + 1);
        boolean silentBeyond = false;
        for (HopObservation o : localisation) {
            if (o.getProbeSize() > largestOk && o.getOutcome() == HopOutcome.NO_REPLY && o.getTtl() > lastTtl
                    && placed) {
                silentBeyond = true;
                break;
            }
        }
        if (silentBeyond) {
            result.setFirstSilentTtl(lastTtl + 1);
        }
    }

    private static boolean controlAnswered(List<HopObservation> localisation, int largestOk, int ttl) {
        for (HopObservation o : localisation) {
            if (o.getProbeSize() <= largestOk && o.getTtl() == ttl && (o.getOutcome() == HopOutcome.TIME_EXCEEDED
                    || o.getOutcome() == HopOutcome.DESTINATION_REACHED)) {
                return true;
            }
        }
        return false;
    }
}
