package io.pmtuwatch.bench.probe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ToolRunTest {

    @Test
    void aToolThatRefusedTheMeasurementIsNotCountedAsAWrongAnswer() {
        assertThat(new ToolRun(0, 30.0, null, "exit 255, no output").verdict(1400)).isEqualTo("n/a (exit 255, no output)");
        assertThat(new ToolRun(5, 80.0, 1500).verdict(1400)).isEqualTo("NO");
        assertThat(new ToolRun(0, 150_000.0, null).verdict(1400)).isEqualTo("NO"); // timed out: it tried and failed
        assertThat(new ToolRun(7, 9.0, 1400).verdict(1400)).isEqualTo("yes");
    }
}
