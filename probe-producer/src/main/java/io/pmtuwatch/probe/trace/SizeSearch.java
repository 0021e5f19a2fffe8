package io.pmtuwatch.probe.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Finds the largest size that reaches the target when bigger packets vanish without a
 * packet-too-big. A state machine fed with outcomes, no I/O: {@link #nextRound()} says which sizes
 * to send (largest first, then a small control), {@link #record} takes which of them were answered.
 *
 * <p>Why largest first: a responder that rate-limits its ICMP (Linux: a burst of about 6, then
 * about one per second per peer) spends its tokens in arrival order, so the largest size that
 * fits is always the first to get one. An unanswered size above an answered one is therefore lost
 * to size or to random loss, never to rate limiting; a round where nothing (not even the control)
 * is answered says nothing and counts for nothing. Random loss is handled by votes: the smallest
 * lost size must go unanswered {@code confirmations} times, each time with a smaller size answered,
 * before the search ends; one answer clears it. How many times depends on the loss the search
 * has seen: a size known to fit that goes unanswered while a smaller one sent after it is answered
 * was lost in transit (not to size, not to rate limiting), and the more of those, the more
 * confirmations, so that random loss passes for size in fewer than 1 in 10,000 searches.
 *
 * <p>Order of candidates: the plateau table first (links have those MTUs), then evenly spaced
 * sizes between the bracketing values (several per round: a multisection, fewer round trips than
 * bisecting).
 */
public final class SizeSearch {

    private static final int MAX_SILENT_ROUNDS = 4;
    /** Accepted chance that random loss alone makes a fitting size look lost. */
    private static final double MISJUDGEMENT = 1e-4;
    private static final int MAX_CONFIRMATIONS = 8;

    private final int minSize;
    private final int perRound;
    private final int confirmations;
    private final TreeMap<Integer, Integer> lostVotes = new TreeMap<>();
    private int largestOk;
    private int fittingDelivered;
    private int fittingLost;
    private int silentRounds;
    private int rounds;

    /**
     * @param minSize      the smallest size to try (the control): 68 for IPv4, 1280 for IPv6
     * @param lostSize     a size already seen to vanish
     * @param lostVotes    how many times it vanished
     * @param perRound     candidates per round besides the control
     * @param confirmations times the smallest lost size must vanish before the search ends
     */
    public SizeSearch(int minSize, int lostSize, int lostVotes, int perRound, int confirmations) {
        if (lostSize <= minSize) {
            throw new IllegalArgumentException("lost size " + lostSize + " not above the minimum " + minSize);
        }
        this.minSize = minSize;
        this.perRound = Math.max(1, perRound);
        this.confirmations = Math.max(1, confirmations);
        this.lostVotes.put(lostSize, Math.max(0, lostVotes));
    }

    /** Sizes to send now, largest first, the control last; empty when finished. */
    public List<Integer> nextRound() {
        if (done() || failed()) {
            return List.of();
        }
        int upper = smallestLostCandidate().orElseThrow();
        List<Integer> sizes = new ArrayList<>();
        if (largestOk > 0 && upper == largestOk + 1) {
            int missing = Math.max(1, requiredConfirmations() - lostVotes.getOrDefault(upper, 0));
            for (int i = 0; i < missing; i++) {
                sizes.add(upper);
            }
        } else {
            int floor = Math.max(largestOk, minSize);
            List<Integer> plateaus = PlateauTable.between(floor, upper);
            sizes.addAll(plateaus.isEmpty() ? spread(floor, upper) : pick(plateaus));
            if (upper - floor > 1 && sizes.isEmpty()) {
                sizes.add(floor + (upper - floor) / 2);
            }
        }
        sizes.add(largestOk > 0 ? largestOk : minSize);
        return List.copyOf(sizes);
    }

    /** {@code answered.get(i)}: whether the i-th size of the last {@link #nextRound()} was answered. */
    public void record(List<Integer> sizes, List<Boolean> answered) {
        rounds++;
        int best = 0;
        for (int i = 0; i < sizes.size(); i++) {
            if (answered.get(i)) {
                best = Math.max(best, sizes.get(i));
            }
        }
        if (best == 0) {
            silentRounds++;
            return;
        }
        silentRounds = 0;
        countTransitLoss(sizes, answered, best);
        largestOk = Math.max(largestOk, best);
        lostVotes.headMap(largestOk, true).clear();
        for (int i = 0; i < sizes.size(); i++) {
            int size = sizes.get(i);
            if (!answered.get(i) && size > best) {
                lostVotes.merge(size, 1, Integer::sum);
            }
        }
    }

    /**
     * Sizes are sent largest first, so an unanswered size at or below the best answered one, followed
     * by a smaller answered one, was lost in transit: the responder had tokens for the later one.
     */
    private void countTransitLoss(List<Integer> sizes, List<Boolean> answered, int best) {
        for (int i = 0; i < sizes.size(); i++) {
            if (sizes.get(i) > best) {
                continue;
            }
            if (answered.get(i)) {
                fittingDelivered++;
            } else if (answered.subList(i + 1, answered.size()).contains(true)) {
                fittingLost++;
            }
        }
    }

    /**
     * Confirmations needed before an unanswered size counts as too big: at least the configured
     * number, more when probes have been seen to vanish in transit (estimated loss rate, with half a
     * loss of prior so a short clean history does not claim zero loss).
     */
    public int requiredConfirmations() {
        double loss = (fittingLost + 0.5) / (fittingLost + fittingDelivered + 1.0);
        int needed = (int) Math.ceil(Math.log(MISJUDGEMENT) / Math.log(loss));
        return Math.max(confirmations, Math.min(MAX_CONFIRMATIONS, needed));
    }

    /** Outside evidence (a probe of this size reached the target): it fits, and the search may go on above it. */
    public void confirmFits(int size) {
        largestOk = Math.max(largestOk, size);
        lostVotes.headMap(largestOk, true).clear();
    }

    public boolean done() {
        OptionalInt upper = smallestLostCandidate();
        if (upper.isEmpty()) {
            return largestOk > 0;
        }
        return largestOk > 0 && upper.getAsInt() == largestOk + 1
                && lostVotes.get(upper.getAsInt()) >= requiredConfirmations();
    }

    /** The target never answered, not even the control: the search cannot conclude. */
    public boolean failed() {
        return largestOk == 0 && silentRounds >= MAX_SILENT_ROUNDS;
    }

    /** True when the last round had no answer at all (rate limiting or loss): worth pausing before the next. */
    public boolean lastRoundSilent() {
        return silentRounds > 0;
    }

    public int largestOk() {
        return largestOk;
    }

    public OptionalInt smallestLost() {
        return smallestLostCandidate();
    }

    public int rounds() {
        return rounds;
    }

    private OptionalInt smallestLostCandidate() {
        for (Map.Entry<Integer, Integer> e : lostVotes.entrySet()) {
            if (e.getKey() > largestOk && e.getValue() > 0) {
                return OptionalInt.of(e.getKey());
            }
        }
        return OptionalInt.empty();
    }

    private List<Integer> pick(List<Integer> plateaus) {
        if (plateaus.size() <= perRound) {
            return plateaus;
        }
        List<Integer> picked = new ArrayList<>();
        for (int i = 0; i < perRound; i++) {
            int index = (int) Math.round((double) i * (plateaus.size() - 1) / Math.max(1, perRound - 1));
            int value = plateaus.get(index);
            if (!picked.contains(value)) {
                picked.add(value);
            }
        }
        return picked;
    }

    /** Up to perRound sizes evenly spaced strictly between floor and upper, largest first. */
    private List<Integer> spread(int floor, int upper) {
        int gap = upper - floor;
        List<Integer> out = new ArrayList<>();
        if (gap <= 1) {
            return out;
        }
        int count = Math.min(perRound, gap - 1);
        for (int i = count; i >= 1; i--) {
            int size = floor + (int) Math.round((double) i * gap / (count + 1));
            if (size > floor && size < upper && !out.contains(size)) {
                out.add(size);
            }
        }
        return out;
    }
}
