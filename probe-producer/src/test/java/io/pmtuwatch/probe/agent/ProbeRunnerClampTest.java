package io.pmtuwatch.probe.agent;

import io.pmtuwatch.probe.clamp.ClampChange;
import io.pmtuwatch.probe.clamp.ClampVerdict;
import io.pmtuwatch.probe.handshake.HandshakeProber;
import io.pmtuwatch.probe.handshake.HandshakeSettings;
import io.pmtuwatch.probe.handshake.MssMode;
import io.pmtuwatch.probe.kafka.ObservationPublisher;
import io.pmtuwatch.probe.kafka.RunObservations;
import io.pmtuwatch.schemas.Agent;
import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent carries a located MSS clamp on the run's handshake observation, and a locator that
 * fails costs the run its clamp only. Real TCP handshake to a loopback listener (no root needed:
 * TCP_INFO); the clamp locator and the tracer are stand-ins, the locator itself is lab-tested.
 */
class ProbeRunnerClampTest {

    private ServerSocket listener;
    private final List<RunObservations> published = new ArrayList<>();

    private final ObservationPublisher publisher = new ObservationPublisher() {
        @Override
        public CompletableFuture<Void> publish(RunObservations run) {
            published.add(run);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void close(Duration timeout) {
        }
    };

    @BeforeEach
    void listen() throws Exception {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void close() throws Exception {
        listener.close();
    }

    private HandshakeObservation runWith(ClampProbe clamps) throws Exception {
        ProbeRunner runner = new ProbeRunner(Agent.newBuilder().setId("a1").build(),
                new HandshakeProber(HandshakeSettings.DEFAULT.withMode(MssMode.TCP_INFO)), (identity, runId) -> List.of(),
                publisher, (host, ip) -> InetAddress.getLoopbackAddress(), NamespaceRunner.LINUX, clamps);
        runner.runOnce(new TargetSpec("127.0.0.1", listener.getLocalPort(), Transport.TCP, IpPreference.V4,
                Duration.ofMinutes(1), null, 0));
        assertThat(published).hasSize(1);
        return published.get(0).handshake();
    }

    @Test
    void aLocatedClampIsCarriedOnTheHandshake() throws Exception {
        ClampVerdict verdict = new ClampVerdict(1460, List.of(), List.of(new ClampChange(2, 2, "10.0.1.2", 1460, 1200)),
                4, List.of(), "clamp at hop 2");
        HandshakeObservation handshake = runWith((address, port) -> Optional.of(verdict));

        assertThat(handshake.getClampRouter()).isEqualTo("10.0.1.2");
        assertThat(handshake.getClampTtl()).isEqualTo(2);
        assertThat(handshake.getMssAfterClamp()).isEqualTo(1200);
    }

    @Test
    void aFailingLocatorLeavesTheRunWithoutAClamp() throws Exception {
        HandshakeObservation handshake = runWith((address, port) -> {
            throw new java.io.IOException("no raw socket here");
        });

        assertThat(handshake.getClampRouter()).isNull();
        assertThat(handshake.getMssSent()).isNotNull();
    }
}
