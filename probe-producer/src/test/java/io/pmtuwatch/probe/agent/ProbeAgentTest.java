package io.pmtuwatch.probe.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.pmtuwatch.probe.handshake.MssMode;
import io.pmtuwatch.probe.kafka.ObservationPublisher;
import io.pmtuwatch.probe.kafka.RunObservations;
import io.pmtuwatch.schemas.Transport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class ProbeAgentTest {

    /** Records the order of publish and close calls. */
    private static final class RecordingPublisher implements ObservationPublisher {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public CompletableFuture<Void> publish(RunObservations run) {
            events.add("publish " + run.hops().size());
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void close(Duration timeout) {
            events.add("close");
        }
    }

    private static AgentConfig config() {
        return new AgentConfig("agent-1", null, null, "unused:9092", Path.of("targets.yaml"), 2, 0.0,
                Duration.ofSeconds(1), MssMode.TCP_INFO, "hops", "handshakes", Duration.ofSeconds(10), false, Map.of(),
                Duration.ofSeconds(30), Duration.ofMinutes(5));
    }

    // UDP target: no handshake, so only the (fake) tracer runs.
    private static final TargetSpec TARGET =
            new TargetSpec("127.0.0.1", 33434, Transport.UDP, IpPreference.V4, Duration.ofHours(1), null, 1);

    @Test
    void shutdownWaitsForTheRunInFlightThenClosesThePublisher() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        FakeTracer hops = new FakeTracer(3);
        RecordingPublisher publisher = new RecordingPublisher();
        ProbeAgent agent = new ProbeAgent(config(), List.of(TARGET), (identity, runId) -> {
            started.countDown();
            release.await();
            return hops.trace(identity, runId);
        }, publisher, NamespaceRunner.LINUX);

        agent.start();
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        Thread stopper = new Thread(agent::shutdown, "stopper");
        stopper.start();
        // Release the run only once shutdown is blocked waiting for it.
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> stopper.getState() == Thread.State.TIMED_WAITING);
        assertThat(publisher.events).isEmpty();
        release.countDown();
        stopper.join(10_000);

        assertThat(stopper.isAlive()).isFalse();
        assertThat(publisher.events).containsExactly("publish 3", "close");
        assertThat(agent.stats().completed()).isEqualTo(1);
        agent.shutdown(); // idempotent
        assertThat(publisher.events).containsExactly("publish 3", "close");
    }

    @Test
    void runEachOnceReportsFailedTraces() throws Exception {
        RecordingPublisher publisher = new RecordingPublisher();
        ProbeAgent agent = new ProbeAgent(config(), List.of(TARGET), (identity, runId) -> {
            throw new java.io.IOException("no route");
        }, publisher, NamespaceRunner.LINUX);

        assertThat(agent.runEachOnce()).isEqualTo(1);
        // The run still publishes what it has (here: nothing but an empty hop list), then closes.
        assertThat(publisher.events).containsExactly("publish 0", "close");
    }
}
