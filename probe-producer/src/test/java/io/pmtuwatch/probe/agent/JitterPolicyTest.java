package io.pmtuwatch.probe.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JitterPolicyTest {

    private static final Duration MINUTE = Duration.ofSeconds(60);

    @Test
    void nextDelayStaysWithinTheFractionAndUsesBothSides() {
        JitterPolicy policy = new JitterPolicy(0.1);
        Random random = new Random(42);
        long below = 0;
        long above = 0;
        for (int i = 0; i < 10_000; i++) {
            Duration d = policy.nextDelay(MINUTE, random);
            assertThat(d).isBetween(Duration.ofSeconds(54), Duration.ofSeconds(66));
            if (d.compareTo(MINUTE) < 0) {
                below++;
            } else {
                above++;
            }
        }
        assertThat(below).isGreaterThan(4_000);
        assertThat(above).isGreaterThan(4_000);
    }

    @Test
    void firstDelayIsWithinTheJitterWindow() {
        JitterPolicy policy = new JitterPolicy(0.25);
        Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            assertThat(policy.firstDelay(MINUTE, random)).isBetween(Duration.ZERO, Duration.ofSeconds(15));
        }
    }

    @Test
    void zeroJitterIsExact() {
        JitterPolicy none = new JitterPolicy(0);
        assertThat(none.nextDelay(MINUTE, new Random(1))).isEqualTo(MINUTE);
        assertThat(none.firstDelay(MINUTE, new Random(1))).isEqualTo(Duration.ZERO);
    }

    @Test
    void rejectsFractionsOutsideTheRange() {
        assertThatThrownBy(() -> new JitterPolicy(0.6)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JitterPolicy(-0.1)).isInstanceOf(IllegalArgumentException.class);
    }
}
