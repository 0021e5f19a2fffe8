package io.pmtuwatch.stream.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pmtuwatch.embedded.KafkaHarness;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.Target;
import io.pmtuwatch.schemas.Transport;
import io.pmtuwatch.stream.DiagnosisRules;
import io.pmtuwatch.stream.ObservationFixtures;
import io.pmtuwatch.stream.app.ProcessorInstance;
import io.pmtuwatch.stream.config.ProcessorConfig;
import io.pmtuwatch.stream.config.Settings;
import io.pmtuwatch.stream.config.TopicNames;
import io.pmtuwatch.testsupport.TopicRecords;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.quota.ClientQuotaAlteration;
import org.apache.kafka.common.quota.ClientQuotaEntity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * /health against a real broker that stops taking the processor's output: a producer byte-rate quota
 * of 1 B/s (the broker's default client quota) throttles every produce for seconds, so the
 * exactly-once commit cannot complete. The next run's records wait behind a committed offset that no
 * longer moves: with {@code health.stall-after=3s} /health turns from 200 UP to 503 DOWN naming the
 * partition and the waiting records.
 * (A topic's {@code min.insync.replicas=2} on a one-broker cluster was tried first: this broker kept
 * accepting acks=all writes, so it makes no fault here.)
 */
class HealthDownOnStallTest {

    private static final Target TARGET = ObservationFixtures.target("10.61.0.1", Transport.UDP, 33434);

    @TempDir
    Path stateDir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void healthIsDownWithTheReasonWhileTheBrokerThrottlesTheOutput() throws Exception {
        KafkaHarness kafka = KafkaHarness.shared();
        ProcessorConfig config = ProcessorConfig.from(IsolatedConfig.on(kafka, "stall", stateDir, 1)
                .with(Settings.QUERY_PORT, "0")
                .with(Settings.HEALTH_STALL_AFTER, "3s"));
        TopicNames topics = config.topology().topics();
        kafka.adminClient().createTopics(List.of(new NewTopic(topics.diagnoses(), 1, (short) 1))).all().get();
        Instant now = Instant.now();

        try (ProcessorInstance instance = ProcessorInstance.start(config, DiagnosisRules.standard())) {
            int port = instance.queryPort().orElseThrow();
            HopPublisher.publish(kafka, topics, ObservationFixtures.run(ObservationFixtures.agent("a"), TARGET, "first", now, 1500));
            assertThat(TopicRecords.read(kafka.clientConfig(), topics.diagnoses(), PathDiagnosis.class, 1,
                    Duration.ofSeconds(120))).extracting(PathDiagnosis::getRunId).containsExactly("first");
            AtomicReference<HttpResponse<String>> up = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
                up.set(health(port));
                return up.get().statusCode() == 200;
            });
            assertThat(json(up.get()).path("status").asText()).isEqualTo("UP");

            try {
                producerQuota(kafka, 1.0);
                // /health polled all along, so the stall is timed from when the records are first seen waiting
                for (int i = 0; i < 6; i++) {
                    assertThat(health(port).statusCode()).as("a quota alone, nothing waiting").isEqualTo(200);
                    Thread.sleep(500);
                }
                HopPublisher.publish(kafka, topics, ObservationFixtures.run(ObservationFixtures.agent("a"), TARGET, "second",
                        now.plusSeconds(1), 1500));

                AtomicReference<HttpResponse<String>> down = new AtomicReference<>();
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                    down.set(health(port));
                    return down.get().statusCode() == 503;
                });
                JsonNode body = json(down.get());
                assertThat(body.path("status").asText()).as(down.get().body()).isEqualTo("DOWN");
                assertThat(body.path("state").asText()).as(down.get().body()).isEqualTo("RUNNING");
                assertThat(body.path("problems").toString()).as(down.get().body())
                        .contains("no progress on " + topics.hopObservations() + "-0 for ")
                        .contains("records wait (committed offset ");
                assertThat(body.path("waitingRecords").asLong()).as(down.get().body()).isPositive();
                assertThat(TopicRecords.read(kafka.clientConfig(), topics.diagnoses(), PathDiagnosis.class, 2,
                        Duration.ofSeconds(2))).as("the second run's diagnosis was not stored").hasSize(1);
            } finally {
                producerQuota(kafka, null); // the broker is shared with the other tests
            }
        }
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return new ObjectMapper().readTree(response.body());
    }

    private HttpResponse<String> health(int port) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sets the default client's producer_byte_rate, or removes it when {@code rate} is null. */
    private static void producerQuota(KafkaHarness kafka, Double rate) throws Exception {
        Map<String, String> entity = new HashMap<>();
        entity.put(ClientQuotaEntity.CLIENT_ID, null); // the default client: every producer of this broker
        kafka.adminClient().alterClientQuotas(List.of(new ClientQuotaAlteration(new ClientQuotaEntity(entity),
                List.of(new ClientQuotaAlteration.Op("producer_byte_rate", rate))))).all().get();
    }
}
