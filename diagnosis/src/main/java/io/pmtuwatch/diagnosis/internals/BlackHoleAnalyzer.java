package io.pmtuwatch.diagnosis.internals;

import io.pmtuwatch.schemas.BlackHole;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.HopOutcome;
import io.pmtuwatch.schemas.ProbePhase;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

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
        Map<Integer, List<HopOutcome>> outcomesBySize = search.stream().collect(Collectors.groupingBy(
                HopObservation::getProbeSize, TreeMap::new,
                Collectors.mapping(HopObservation::getOutcome, Collectors.toList())));
        // Any probe that reached the target proves its size passes, whichever phase sent it.
        Optional<Integer> largestOk = run.matching(o -> o.getOutcome() == HopOutcome.DESTINATION_REACHED).stream()
                .map(HopObservation::getProbeSize)
                .max(Integer::compare);
        Optional<Integer> smallestLost = largestOk.flatMap(ok -> outcomesBySize.entrySet().stream()
                .filter(e -> e.getKey() > ok)
                .filter(e -> e.getValue().stream().allMatch(outcome -> outcome == HopOutcome.NO_REPLY))
                .map(Map.Entry::getKey)
                .min(Integer::compare));
        Optional<Integer> knownLimit = Stream.concat(ptbs.smallest().map(HopObservation::getReportedMtu).stream(),
                localMtu.stream()).min(Integer::compare);
        boolean detected = smallestLost.isPresent()
                && knownLimit.map(limit -> smallestLost.get() <= limit).orElse(true);

        BlackHole.Builder result = BlackHole.newBuilder()
                .setDetected(detected)
                .setLargestOk(largestOk.orElse(null))
                .setSmallestLost(smallestLost.orElse(null));
        if (detected) {
            localise(localisation, largestOk.get(), result);
        }
        return Optional.of(result.build());
    }

    private static void localise(List<HopObservation> localisation, int largestOk, BlackHole.Builder result) {
        List<HopObservation> oversized = localisation.stream().filter(o -> o.getProbeSize() > largestOk).toList();
        Optional<HopObservation> lastAnswer = oversized.stream()
                .filter(o -> o.getOutcome() == HopOutcome.TIME_EXCEEDED)
                .max(Comparator.comparingInt(HopObservation::getTtl));
        int lastTtl = lastAnswer.map(HopObservation::getTtl).orElse(0);
        lastAnswer.ifPresent(answer -> result.setLastRespondingTtl(answer.getTtl()).setRouter(answer.getResponder()));
        // Silence beyond an answering hop places the drop. With no hop answering at all, silence means
        // something only where a small control probe at the same TTL was answered: otherwise the
        // routers may just be out of ICMP tokens.
        Set<Integer> controlAnswered = localisation.stream()
                .filter(o -> o.getProbeSize() <= largestOk)
                .filter(o -> o.getOutcome() == HopOutcome.TIME_EXCEEDED
                        || o.getOutcome() == HopOutcome.DESTINATION_REACHED)
                .map(HopObservation::getTtl)
                .collect(Collectors.toSet());
        boolean silentBeyond = oversized.stream()
                .anyMatch(o -> o.getOutcome() == HopOutcome.NO_REPLY && o.getTtl() > lastTtl
                        && (lastAnswer.isPresent() || controlAnswered.contains(lastTtl + 1)));
        if (silentBeyond) {
            result.setFirstSilentTtl(lastTtl + 1);
        }
    }
}
