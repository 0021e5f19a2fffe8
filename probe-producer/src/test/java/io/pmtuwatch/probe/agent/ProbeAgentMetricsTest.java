package io.pmtuwatch.probe.agent;

import io.pmtuwatch.embedded.KafkaHarness;
import io.pmtuwatch.probe.kafka.KafkaObservationPublisher;
import io.pmtuwatch.probe.handshake.MssMode;
import io.pmtuwatch.schemas.Transport;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The agent's optional {@code GET /metrics}: runs delivered to a real broker are counted as completed,
 * runs whose broker never acknowledges them (nothing listens at its address) as undelivered, once
 * the delivery timeout is over.
 */
class ProbeAgentMetricsTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final TargetSpec TARGET =
            new TargetSpec("127.0.0.1", 33434, Transport.UDP, IpPreference.V4, Duration.ofSeconds(2), null, 1);

    @Test
    void metricsCountDeliveredAndUndeliveredRuns() throws Exception {
        KafkaHarness kafka = KafkaHarness.shared();
        String suffix = UUID.randomUUID().toString();
        kafka.createTopic("hops." + suffix, 1);
        kafka.createTopic("handshakes." + suffix, 1);
        ProbeAgent delivering = agent("delivering", kafka.bootstrapServers(), suffix);
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        ProbeAgent stranded = agent("stranded", "127.0.0.1:" + deadPort, suffix);
        try {
            delivering.start();
            stranded.start();
            URI good = URI.create("http://127.0.0.1:" + delivering.metricsPort().orElseThrow() + "/metrics");
            URI bad = URI.create("http://127.0.0.1:" + stranded.metricsPort().orElseThrow() + "/metrics");

            await().atMost(Duration.ofSeconds(60)).until(() -> scrape(good).get("pmtu_agent_runs_completed_total") >= 2);
            assertThat(scrape(good)).containsEntry("pmtu_agent_runs_undelivered_total", 0.0)
                    .containsEntry("pmtu_agent_runs_failed_total", 0.0);
            await().atMost(Duration.ofSeconds(90)).until(() -> scrape(bad).get("pmtu_agent_runs_undelivered_total") >= 1);
            assertThat(scrape(bad).get("pmtu_agent_runs_started_total")).isGreaterThanOrEqualTo(1);
        } finally {
            delivering.shutdown();
            stranded.shutdown();
        }
        assertThat(delivering.metricsPort()).as("closed with the agent").isEmpty();
    }

    private static ProbeAgent agent(String id, String bootstrap, String suffix) {
        Duration delivery = Duration.ofSeconds(10);
        AgentConfig config = new AgentConfig(id, null, null, bootstrap, Path.of("targets.yaml"), 2, 0.0,
                Duration.ofSeconds(1), MssMode.TCP_INFO, "hops." + suffix, "handshakes." + suffix, Duration.ofSeconds(5),
                false, Map.of(), delivery, Duration.ofMinutes(5), 0, "127.0.0.1");
        KafkaObservationPublisher publisher = KafkaObservationPublisher.create(bootstrap, Map.of(), "agent-" + id,
                config.hopTopic(), config.handshakeTopic(), delivery);
        return new ProbeAgent(config, List.of(TARGET), new FakeTracer(3), publisher, NamespaceRunner.LINUX);
    }

    private static Map<String, Double> scrape(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Double> samples = new HashMap<>();
        response.body().lines().filter(l -> !l.startsWith("#") && !l.isBlank()).forEach(l -> {
            String[] parts = l.split(" ");
            samples.put(parts[0], Double.parseDouble(parts[1]));
        });
        return samples;
    }
}
