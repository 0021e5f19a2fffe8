package io.pmtuwatch.probe.agent;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class StatusReporterTest {

    @Test
    void everyPeriodOneLineWithTheUndeliveredRuns() {
        ManualTimer timer = new ManualTimer();
        AtomicLong undelivered = new AtomicLong();
        List<String> lines = new ArrayList<>();
        new StatusReporter(timer, Duration.ofMinutes(5), () -> new SchedulerStats(10, 8, 1, undelivered.get(), 2),
                lines::add).start();

        timer.advance(Duration.ofMinutes(4));
        assertThat(lines).isEmpty();
        timer.advance(Duration.ofMinutes(1));
        undelivered.set(3);
        timer.advance(Duration.ofMinutes(5));

        assertThat(lines).containsExactly(
                "agent status: runs started 10, completed 8, failed 1, undelivered 0 (measured, not acknowledged by Kafka),"
                        + " skipped while busy 2",
                "agent status: runs started 10, completed 8, failed 1, undelivered 3 (measured, not acknowledged by Kafka),"
                        + " skipped while busy 2");
    }
}
