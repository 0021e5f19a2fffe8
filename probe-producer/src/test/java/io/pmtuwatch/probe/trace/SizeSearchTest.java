package io.pmtuwatch.probe.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The size search fed with simulated paths: exact PMTU, loss is not size, rate limiting is not size. */
class SizeSearchTest {

    @Test
    void findsAPlateauThenTheExactSize() {
        assertThat(run(new SizeSearch(68, 1500, 3, 24, 3), size -> size <= 1400, 0, 0)).isEqualTo(1400);
        assertThat(run(new SizeSearch(68, 1500, 3, 24, 3), size -> size <= 1413, 0, 0)).isEqualTo(1413);
        assertThat(run(new SizeSearch(1280, 1500, 3, 24, 3), size -> size <= 1280, 0, 0)).isEqualTo(1280);
        assertThat(run(new SizeSearch(68, 1500, 3, 3, 3), size -> size <= 1006, 0, 0)).isEqualTo(1006);
    }

    @Test
    void survivesTenPercentLossBothWays() {
        Random random = new Random(42);
        int wrong = 0;
        for (int i = 0; i < 5000; i++) {
            SizeSearch s = new SizeSearch(68, 1500, 3, 24, 3);
            int found = runWith(s, size -> size <= 1400 && random.nextDouble() > 0.19, Integer.MAX_VALUE, 0);
            if (found != 1400) {
                wrong++;
            }
        }
        // Three fixed confirmations were wrong in about 0.7 % of searches (0.19^3); the loss-aware
        // count aims at 1 in 10,000.
        assertThat(wrong).as("wrong answers out of 5000").isLessThanOrEqualTo(2);
    }

    @Test
    void asksForMoreConfirmationsOnlyWhenProbesVanishInTransit() {
        SizeSearch clean = new SizeSearch(68, 1500, 3, 24, 3);
        run(clean, size -> size <= 1400, 0, 0);
        assertThat(clean.requiredConfirmations()).isEqualTo(3);

        SizeSearch lossy = new SizeSearch(68, 1500, 3, 24, 3);
        // Every third fitting probe vanishes, whatever its size.
        int[] sent = {0};
        run(lossy, size -> size <= 1400 && ++sent[0] % 3 != 0, 0, 0);
        assertThat(lossy.requiredConfirmations()).isGreaterThanOrEqualTo(6);
    }

    @Test
    void evidenceThatASizeFitsReopensTheSearch() {
        SizeSearch s = new SizeSearch(68, 1500, 3, 24, 3);
        // 1400 "vanishes" three times in a row: the search settles on 1399...
        int sent1400 = 0;
        for (int round = 0; round < 60 && !s.done(); round++) {
            List<Integer> sizes = s.nextRound();
            List<Boolean> answered = new ArrayList<>();
            for (int size : sizes) {
                answered.add(size < 1400 || size == 1400 && ++sent1400 > 3);
            }
            s.record(sizes, answered);
        }
        assertThat(s.largestOk()).isEqualTo(1399);
        // ...until a localisation probe of 1400 reaches the target.
        s.confirmFits(1400);
        assertThat(s.done()).isFalse();
        assertThat(run(s, size -> size <= 1400, 0, 0)).isEqualTo(1400);
    }

    @Test
    void rateLimitedResponderOnlyDelaysTheSearch() {
        // A responder with a bucket of 2 answers per round: larger fitting probes still win the tokens.
        assertThat(run(new SizeSearch(68, 1500, 3, 3, 3), size -> size <= 1400, 2, 0)).isEqualTo(1400);
        // Every other round nothing at all comes back (bucket empty): counted as silent, not as lost.
        assertThat(run(new SizeSearch(68, 1500, 3, 3, 3), size -> size <= 1400, 2, 2)).isEqualTo(1400);
    }

    @Test
    void givesUpWhenTheTargetNeverAnswers() {
        SizeSearch s = new SizeSearch(68, 1500, 3, 24, 3);
        for (int i = 0; i < 10 && !s.failed(); i++) {
            List<Integer> sizes = s.nextRound();
            s.record(sizes, sizes.stream().map(x -> false).toList());
        }
        assertThat(s.failed()).isTrue();
        assertThat(s.nextRound()).isEmpty();
    }

    @Test
    void aLostSizeThatLaterAnswersIsNotLost() {
        SizeSearch s = new SizeSearch(68, 1500, 3, 24, 3);
        assertThat(run(s, size -> size <= 1499, 0, 0)).isEqualTo(1499);
    }

    private static int run(SizeSearch s, Predicate<Integer> fits, int tokensPerRound, int silentEvery) {
        return runWith(s, fits, tokensPerRound == 0 ? Integer.MAX_VALUE : tokensPerRound, silentEvery);
    }

    private static int runWith(SizeSearch s, Predicate<Integer> fits, int tokensPerRound, int silentEvery) {
        for (int round = 0; round < 60 && !s.done() && !s.failed(); round++) {
            List<Integer> sizes = s.nextRound();
            assertThat(sizes).isSortedAccordingTo((a, b) -> Integer.compare(b, a));
            int tokens = silentEvery > 0 && round % silentEvery == 0 ? 0 : tokensPerRound;
            List<Boolean> answered = new ArrayList<>();
            for (int size : sizes) {
                boolean ok = fits.test(size) && tokens > 0;
                if (fits.test(size)) {
                    tokens--;
                }
                answered.add(ok);
            }
            s.record(sizes, answered);
        }
        assertThat(s.done()).as("search finished").isTrue();
        return s.largestOk();
    }
}
