package io.pmtuwatch.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void readsANumberWithAUnit() {
        assertThat(Durations.parse("x", "500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("x", "30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("x", " 10m ")).isEqualTo(Duration.ofMinutes(10));
        assertThat(Durations.parse("x", "1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("x", "2d")).isEqualTo(Duration.ofDays(2));
    }

    @Test
    void stillReadsTheDeprecatedForms() {
        assertThat(Durations.parse("x", "60")).isEqualTo(Duration.ofSeconds(60));
        assertThat(Durations.parse("x", "PT1M")).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void rejectsWhatIsNoDuration() {
        assertThatThrownBy(() -> Durations.parse("run.timeout", "soon")).hasMessageContaining("'soon'")
                .hasMessageContaining("30s");
        assertThatThrownBy(() -> Durations.parse("run.timeout", "5 weeks")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Durations.parse("run.timeout", "PTX")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void formatsWhatItReadsBack() {
        for (Duration d : new Duration[] {Duration.ofMillis(250), Duration.ofSeconds(90), Duration.ofMinutes(5),
                Duration.ofHours(6), Duration.ofDays(2), Duration.ZERO}) {
            assertThat(Durations.parse("x", Durations.format(d))).isEqualTo(d);
        }
        assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("90s");
    }
}
