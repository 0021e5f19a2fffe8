package io.pmtuwatch.bench.stream;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
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

    @Test
    void aKillTimeAfterTheEndOfTheRunMeansNoKill() {
        List<ScaleSample> samples = List.of(at(0, 150), at(30, 300), at(120, 250), at(180, 320));

        String summary = summary(samples, Duration.ofMinutes(5), Duration.ofMinutes(4));

        assertThat(summary).contains("steady state (30 s to end)").contains("no kill -9").doesNotContain("recovery");
    }

    @Test
    void aKillWithinTheRunEndsTheSteadyWindowThere() {
        List<ScaleSample> samples = List.of(at(0, 150), at(30, 300), at(120, 250), at(180, 320));

        String summary = summary(samples, Duration.ofMinutes(2), Duration.ofMinutes(4));

        assertThat(summary).contains("(30 s to 120 s)")
                .contains("recovery after kill -9: the lag did not return to its steady level before the end");
    }

    private static String summary(List<ScaleSample> samples, Duration killAfter, Duration duration) {
        ScaleRun.Options options = new ScaleRun.Options("localhost:9092", 10_000, Duration.ofMinutes(1), duration, 2, 6,
                killAfter, Duration.ofSeconds(30), "512m", Path.of("target"), true);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ScaleSample.summary(new PrintStream(bytes, true, StandardCharsets.UTF_8), samples, options, 10_000, null);
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
