package io.pmtuwatch.stream.sink.pipeline;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerdictAndBackoffTest {

    @Test
    void itemStatusesAreClassified() {
        assertThat(Verdict.ofStatus(200)).isEqualTo(Verdict.STORED);
        assertThat(Verdict.ofStatus(201)).isEqualTo(Verdict.STORED);
        assertThat(Verdict.ofStatus(409)).as("external version: newer already stored").isEqualTo(Verdict.SUPERSEDED);
        assertThat(Verdict.ofStatus(429)).isEqualTo(Verdict.RETRY);
        assertThat(Verdict.ofStatus(408)).isEqualTo(Verdict.RETRY);
        assertThat(Verdict.ofStatus(503)).isEqualTo(Verdict.RETRY);
        assertThat(Verdict.ofStatus(400)).as("mapping conflict").isEqualTo(Verdict.REJECTED);
        assertThat(Verdict.ofStatus(404)).isEqualTo(Verdict.REJECTED);
    }

    @Test
    void backoffDoublesUpToTheCapWithBoundedJitter() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2));
        assertThat(backoff.ceilingMillis(0)).isEqualTo(100);
        assertThat(backoff.ceilingMillis(3)).isEqualTo(800);
        assertThat(backoff.ceilingMillis(50)).isEqualTo(2000);
        for (int i = 0; i < 100; i++) {
            assertThat(backoff.delay(2).toMillis()).isBetween(320L, 400L);
        }
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
