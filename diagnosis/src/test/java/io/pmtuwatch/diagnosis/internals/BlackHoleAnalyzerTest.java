package io.pmtuwatch.diagnosis.internals;

import static org.assertj.core.api.Assertions.assertThat;

import io.pmtuwatch.diagnosis.IpVersionRules;
import io.pmtuwatch.diagnosis.PathFixture;
import io.pmtuwatch.schemas.BlackHole;
import io.pmtuwatch.schemas.HopOutcome;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BlackHoleAnalyzerTest {

    private static Optional<BlackHole> analyze(PathFixture path) {
        RunObservations run = RunObservations.of(path.observations());
        return BlackHoleAnalyzer.analyze(run, ValidatedPtbs.of(run, IpVersionRules.IPV4), Optional.of(1500));
    }

    @Test
    void noSearchNoResult() {
        assertThat(analyze(PathFixture.ipv4().cleanTrace(3, 1500))).isEmpty();
    }

    @Test
    void largeSizesLostOnEveryAttemptWhileSmallerOnesArriveIsABlackHole() {
        PathFixture path = PathFixture.ipv4()
                .searchAttempts(1500, false, false, false)
                .searchAttempts(1280, true)
                .searchAttempts(1400, true, false)
                .searchAttempts(1450, false, false, false)
                .searchAttempts(1420, false, true);

        BlackHole hole = analyze(path).orElseThrow();

        assertThat(hole.getDetected()).isTrue();
        assertThat(hole.getLargestOk()).isEqualTo(1420);
        assertThat(hole.getSmallestLost()).isEqualTo(1450);
    }

    @Test
    void randomLossIsNotMistakenForSize() {
        PathFixture path = PathFixture.ipv4()
                .searchAttempts(1500, false, false, true)   // lost twice, then through: loss, not size
                .searchAttempts(1400, false, false, false); // lost every time, but a larger size arrived

        BlackHole hole = analyze(path).orElseThrow();

        assertThat(hole.getDetected()).isFalse();
        assertThat(hole.getLargestOk()).isEqualTo(1500);
        assertThat(hole.getSmallestLost()).isNull();
    }

    @Test
    void aTraceThatReachedTheTargetAtFullSizeOutweighsLostSearchProbes() {
        PathFixture path = PathFixture.ipv4().cleanTrace(2, 1500)
                .searchAttempts(1400, true).searchAttempts(1500, false, false, false);

        BlackHole hole = analyze(path).orElseThrow();

        assertThat(hole.getDetected()).isFalse();
        assertThat(hole.getLargestOk()).isEqualTo(1500);
    }

    @Test
    void aSizeThatDrewAnyIcmpAnswerDidNotVanishSilently() {
        PathFixture path = PathFixture.ipv4()
                .searchAttempts(1400, true)
                .searchAttempts(1500, false, false)
                .searchAnswered(1500, HopOutcome.ADMIN_FILTERED, "10.0.3.1");

        BlackHole hole = analyze(path).orElseThrow();

        assertThat(hole.getDetected()).isFalse();
        assertThat(hole.getSmallestLost()).isNull();
    }

    @Test
    void nothingArrivingAtAllIsNotABlackHole() {
        PathFixture path = PathFixture.ipv4().searchAttempts(1500, false, false).searchAttempts(576, false, false);

        BlackHole hole = analyze(path).orElseThrow();

        assertThat(hole.getDetected()).isFalse();
        assertThat(hole.getLargestOk()).isNull();
    }

    @Test
    void sizesAboveAValidatedPtbAreExplainedByIt() {
        PathFixture path = PathFixture.ipv4().timeExceeded(1, 1500).ptb(1, 1500, 1400)
                .searchAttempts(1400, true).searchAttempts(1450, false, false, false);

        BlackHole hole = analyze(path).orElseThrow();

        assertThat(hole.getDetected()).isFalse();
        assertThat(hole.getSmallestLost()).isEqualTo(1450);
    }

    @Test
    void sizesBelowAPtbThatStillVanishAreABlackHoleBehindIt() {
        PathFixture path = PathFixture.ipv4().timeExceeded(1, 1500).ptb(1, 1500, 1450)
                .searchAttempts(1450, false, false, false).searchAttempts(1400, true);

        assertThat(analyze(path).orElseThrow().getDetected()).isTrue();
    }

    @Test
    void localisationNamesTheLastRouterThatStillAnswersOversizedProbes() {
        PathFixture path = PathFixture.ipv4()
                .searchAttempts(1400, true).searchAttempts(1500, false, false, false)
                .localizeAnswered(1, 1500).localizeSilent(2, 1500)   // a router that never answers anyone
                .localizeAnswered(3, 1500).localizeSilent(4, 1500).localizeSilent(5, 1500)
                .localizeAnswered(6, 1400);                          // a small probe says nothing about the hole

        BlackHole hole = analyze(path).orElseThrow();

        assertThat(hole.getLastRespondingTtl()).isEqualTo(3);
        assertThat(hole.getRouter()).isEqualTo(path.router(3));
        assertThat(hole.getFirstSilentTtl()).isEqualTo(4);
    }

    @Test
    void aHoleRightAtTheFirstLinkHasNoRouterButStartsAtTtl1() {
        PathFixture path = PathFixture.ipv4()
                .searchAttempts(1400, true).searchAttempts(1500, false, false)
                .localizeSilent(1, 1500).localizeAnswered(1, 68).localizeSilent(2, 1500);

        BlackHole hole = analyze(path).orElseThrow();

        assertThat(hole.getLastRespondingTtl()).isNull();
        assertThat(hole.getRouter()).isNull();
        assertThat(hole.getFirstSilentTtl()).isEqualTo(1);
    }

    @Test
    void routersThatAnswerNothingAtAllDoNotPlaceTheHole() {
        // Not even the small controls came back: out of ICMP tokens or filtering, not evidence.
        PathFixture path = PathFixture.ipv4()
                .searchAttempts(1400, true).searchAttempts(1500, false, false)
                .localizeSilent(1, 1500).localizeSilent(1, 68).localizeSilent(2, 1500);

        BlackHole hole = analyze(path).orElseThrow();

        assertThat(hole.getDetected()).isTrue();
        assertThat(hole.getLastRespondingTtl()).isNull();
        assertThat(hole.getFirstSilentTtl()).isNull();
    }
}
