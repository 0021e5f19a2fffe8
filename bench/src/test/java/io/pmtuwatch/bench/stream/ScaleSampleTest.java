package io.pmtuwatch.bench.stream;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The scale run's summary calls a run steady only when the instances kept up after the warm-up. */
class ScaleSampleTest {

    private static ScaleSample at(double seconds, long lag) {
        return new ScaleSample(seconds, 100, lag, List.of(), List.of(0L), List.of(0L));
    }

    @Test
    void aLagThatStaysNearItsWarmUpLevelIsSteady() {
        List<ScaleSample> samples = List.of(at(0, 150), at(30, 300), at(60, 250), at(90, 320));
        assertThat(ScaleSample.keptUp(samples, 30, 320)).isTrue();
    }

    @Test
    void aLagThatKeepsGrowingIsNotSteady() {
        List<ScaleSample> samples = List.of(at(0, 150), at(30, 300), at(60, 5_000), at(90, 12_000));
        assertThat(ScaleSample.keptUp(samples, 30, 12_000)).isFalse();
    }
}
