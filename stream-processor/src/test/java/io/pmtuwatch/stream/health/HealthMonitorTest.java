package io.pmtuwatch.stream.health;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The health decision alone: offsets and failures in, UP or DOWN with reasons out. */
class HealthMonitorTest {

    private static final TopicPartition HOPS = new TopicPartition("pmtu.hop-observations", 3);
    private static final long MIN = 60_000;

    private final HealthMonitor monitor = new HealthMonitor(Duration.ofMinutes(2), 3, Duration.ofMinutes(10));

    @Test
    void recordsWaitingBehindAnOffsetThatDoesNotMoveMakeItUnhealthy() {
        assertThat(monitor.check(0, "RUNNING", Map.of(HOPS, 100L), Map.of(HOPS, 142L)).healthy()).isTrue();
        assertThat(monitor.check(MIN, "RUNNING", Map.of(HOPS, 100L), Map.of(HOPS, 142L)).healthy()).isTrue();
        Health stuck = monitor.check(2 * MIN, "RUNNING", Map.of(HOPS, 100L), Map.of(HOPS, 142L));
        assertThat(stuck.healthy()).isFalse();
        assertThat(stuck.waitingRecords()).isEqualTo(42);
        assertThat(stuck.problems()).singleElement().asString().contains("pmtu.hop-observations-3").contains("42 records wait");
        assertThat(monitor.check(2 * MIN + 1, "RUNNING", Map.of(HOPS, 101L), Map.of(HOPS, 142L)).healthy())
                .as("the offset moved: progress").isTrue();
    }

    @Test
    void theStallIsTimedFromTheFirstCheckThatSawRecordsWaitingNotFromTheCheckBefore() {
        monitor.check(0, "RUNNING", Map.of(HOPS, 100L), Map.of(HOPS, 100L));
        // Ten minutes without a check, then records arrive just before the next one.
        assertThat(monitor.check(10 * MIN, "RUNNING", Map.of(HOPS, 100L), Map.of(HOPS, 105L)).healthy()).isTrue();
        assertThat(monitor.check(11 * MIN, "RUNNING", Map.of(HOPS, 100L), Map.of(HOPS, 105L)).healthy()).isTrue();
        assertThat(monitor.check(12 * MIN, "RUNNING", Map.of(HOPS, 100L), Map.of(HOPS, 105L)).problems())
                .singleElement().asString().contains("for 2 min");
    }

    @Test
    void anIdlePartitionIsHealthyHoweverLongItWaits() {
        monitor.check(0, "RUNNING", Map.of(HOPS, 100L), Map.of(HOPS, 100L));
        assertThat(monitor.check(60 * MIN, "RUNNING", Map.of(HOPS, 100L), Map.of(HOPS, 100L)).healthy()).isTrue();
    }

    @Test
    void threadsFailingAgainAndAgainMakeItUnhealthyWhileTheStateSaysRunning() {
        monitor.threadFailed(0, new IllegalStateException("wrapper", new RuntimeException("Invalid timestamp: -1")));
        monitor.threadFailed(MIN, new RuntimeException("again"));
        assertThat(monitor.check(MIN, "RUNNING", Map.of(), Map.of()).healthy()).isTrue();
        monitor.threadFailed(2 * MIN, new RuntimeException("and again"));
        Health down = monitor.check(2 * MIN, "RUNNING", Map.of(), Map.of());
        assertThat(down.healthy()).isFalse();
        assertThat(down.problems()).singleElement().asString().contains("3 times").contains("and again");
        assertThat(monitor.check(12 * MIN + 1, "RUNNING", Map.of(), Map.of()).healthy()).as("failures age out").isTrue();
    }

    @Test
    void anErrorStateIsUnhealthy() {
        assertThat(monitor.check(0, "ERROR", Map.of(), Map.of()).problems()).singleElement().asString().contains("ERROR");
        assertThat(monitor.check(0, "REBALANCING", Map.of(), Map.of()).healthy()).isTrue();
    }
}
