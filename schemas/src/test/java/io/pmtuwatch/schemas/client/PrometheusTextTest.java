package io.pmtuwatch.schemas.client;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PrometheusTextTest {

    @Test
    void writesEachSampleWithItsHelpAndType() {
        String text = new PrometheusText()
                .counter("pmtu_x_total", "Things seen.", 42)
                .gauge("pmtu_behind", "Records behind; -1 while unknown.", -1)
                .gauge("pmtu_last_seconds", "Unix time.", 1765065600.25)
                .toString();

        assertThat(text).isEqualTo("""
                # HELP pmtu_x_total Things seen.
                # TYPE pmtu_x_total counter
                pmtu_x_total 42
                # HELP pmtu_behind Records behind; -1 while unknown.
                # TYPE pmtu_behind gauge
                pmtu_behind -1
                # HELP pmtu_last_seconds Unix time.
                # TYPE pmtu_last_seconds gauge
                pmtu_last_seconds 1765065600.250
                """);
    }
}
