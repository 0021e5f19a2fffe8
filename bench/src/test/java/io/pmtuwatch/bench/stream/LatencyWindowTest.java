package io.pmtuwatch.bench.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyWindowTest {

    /** 60 runs a second for {@code seconds}, each {@code base} ms, except those sent in [from, to) ms: {@code slow} ms. */
    private static List<LatencyWindow.Sample> steady(int seconds, long base, long from, long to, long slow) {
        List<LatencyWindow.Sample> out = new ArrayList<>();
        for (int i = 0; i < seconds * 60; i++) {
            long sentAt = i * 1000L / 60;
            out.add(new LatencyWindow.Sample(sentAt, sentAt >= from && sentAt < to ? slow : base));
        }
        return out;
    }

    @Test
    void oneStallInTenSecondsIsTheWholeP99AndShowsAsOneGroupWithThePauseBesideIt() {
        // 300 ms of runs (18 of 600) delayed to 500 ms: more than 1% of the window.
        var pause = new LatencyWindow.Event(3_950, 350, "Pause Full");
        var window = new LatencyWindow(steady(10, 80, 4_000, 4_300, 500), List.of(pause), List.of());

        assertThat(window.size()).isEqualTo(600);
        assertThat(window.percentile(0.50)).isEqualTo(80);
        assertThat(window.percentile(0.99)).isEqualTo(500);
        assertThat(window.stalls()).containsExactly(new LatencyWindow.Stall(4_000, 4_283, 18, 500));
        assertThat(window.near(window.stalls().get(0))).containsExactly(pause);
    }

    @Test
    void theSameStallInAMinuteLeavesTheP99ToTheSteadyRunsAndOnlyItsSliceShowsIt() {
        var window = new LatencyWindow(steady(60, 80, 4_000, 4_300, 500), List.of(), List.of());

        assertThat(window.percentile(0.99)).isEqualTo(80);
        assertThat(window.max()).isEqualTo(500);
        assertThat(window.p99BySlice(10_000)).containsExactly(500L, 80L, 80L, 80L, 80L, 80L);
    }

    @Test
    void slowRunsMoreThanASecondApartAreSeparateGroupsAndFarEventsAreNotBesideThem() {
        List<LatencyWindow.Sample> samples = new ArrayList<>();
        for (int i = 0; i < 200; i++) { // 20 runs a second: 3 slow ones are more than 1%
            samples.add(new LatencyWindow.Sample(i * 50L, 80));
        }
        samples.add(new LatencyWindow.Sample(1_000, 400));
        samples.add(new LatencyWindow.Sample(1_500, 300));
        samples.add(new LatencyWindow.Sample(7_000, 350));
        var far = new LatencyWindow.Event(5_000, 0, "3 records sent again by the topology");
        var close = new LatencyWindow.Event(6_500, 0, "2 records sent again by the topology");
        var window = new LatencyWindow(samples, List.of(), List.of(far, close));

        assertThat(window.stalls()).extracting(LatencyWindow.Stall::from, LatencyWindow.Stall::runs)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1_000L, 2), org.assertj.core.groups.Tuple.tuple(7_000L, 1));
        assertThat(window.near(window.stalls().get(1))).containsExactly(close);
        assertThat(window.near(window.stalls().get(0))).isEmpty();
    }
}
