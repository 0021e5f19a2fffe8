package io.pmtuwatch.stream.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pmtuwatch.embedded.KafkaHarness;
import io.pmtuwatch.schemas.Agent;
import io.pmtuwatch.schemas.AnomalyState;
import io.pmtuwatch.schemas.AnomalyWindow;
import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.serde.AvroSerdes;
import io.pmtuwatch.stream.DiagnosisRules;
import io.pmtuwatch.stream.ObservationFixtures;
import io.pmtuwatch.stream.app.ProcessorInstance;
import io.pmtuwatch.stream.config.ProcessorConfig;
import io.pmtuwatch.stream.config.RawConfig;
import io.pmtuwatch.stream.config.Settings;
import io.pmtuwatch.stream.config.TopicNames;
import io.pmtuwatch.testsupport.TopicRecords;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * /metrics gauges against the real counts, before and after a restart on the same state directory
 * (an earlier version counted RocksDB's estimate: 4611 "paths" for 10 real ones after a restart).
 * Ten paths, four runs each (every key of the path stores overwritten again and again); half of them
 * drop from 1500 to 1400 in their last run (a PMTU_DROP window each, one link, a LINK_MTU_DROP
 * window). The real counts come from the output topics as a downstream reader sees them.
 */
class MetricsAfterRestartTest {

    private static final int PATHS = 10;
    private static final int RUNS = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path stateDir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void gaugesEqualTheRealCountsBeforeAndAfterARestartWithState() throws Exception {
        KafkaHarness kafka = KafkaHarness.shared();
        RawConfig raw = IsolatedConfig.on(kafka, "restart", stateDir, 2)
                .with(Settings.QUERY_PORT, "0")
;
        ProcessorConfig config = ProcessorConfig.from(raw);
        TopicNames topics = config.topology().topics();

        Map<String, Long> before;
        try (ProcessorInstance instance = ProcessorInstance.start(config, DiagnosisRules.standard())) {
            publishRuns(kafka, topics);
            int port = instance.queryPort().orElseThrow();
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> counter(port, "diagnoses_out") >= PATHS * RUNS);
            Map<String, Long> real = realCounts(kafka, topics);
            assertThat(real).as("the scenario opens windows and reports a link")
                    .containsEntry("paths", (long) PATHS).containsEntry("links", 1L);
            assertThat(real.get("open_anomalies")).isGreaterThanOrEqualTo(PATHS / 2 + 1);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(gauges(port)).containsAllEntriesOf(real));
            before = real;
        }

        try (ProcessorInstance restarted = ProcessorInstance.start(config, DiagnosisRules.standard())) {
            int port = restarted.queryPort().orElseThrow();
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(gauges(port)).as("after the restart")
                            .containsAllEntriesOf(before).containsEntry("healthy", 1L));
            assertThat(realCounts(kafka, topics)).as("nothing re-emitted changes the real counts").isEqualTo(before);
        }
    }

    private static void publishRuns(KafkaHarness kafka, TopicNames topics) {
        Properties props = new Properties();
        props.putAll(kafka.clientConfig());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        Instant start = Instant.now().minus(Duration.ofMinutes(RUNS));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            for (int run = 0; run < RUNS; run++) {
                Instant at = start.plus(Duration.ofMinutes(run));
                for (int p = 0; p < PATHS; p++) {
                    Agent agent = ObservationFixtures.agent("agent-" + p);
                    String runId = "run-" + p + "-" + run;
                    int linkMtu = p % 2 == 0 && run == RUNS - 1 ? 1400 : 1500;
                    HandshakeObservation handshake = ObservationFixtures.handshake(agent, ObservationFixtures.TARGET, runId, at);
                    producer.send(new ProducerRecord<>(topics.handshakeObservations(), handshake.getPathId(),
                            AvroSerdes.serializer(HandshakeObservation.class).serialize(topics.handshakeObservations(), handshake)));
                    for (HopObservation hop : ObservationFixtures.run(agent, ObservationFixtures.TARGET, runId, at, linkMtu)) {
                        producer.send(new ProducerRecord<>(topics.hopObservations(), hop.getPathId(),
                                AvroSerdes.serializer(HopObservation.class).serialize(topics.hopObservations(), hop)));
                    }
                }
            }
        }
    }

    /** Paths, links and open anomaly windows as the committed output topics tell them. */
    private static Map<String, Long> realCounts(KafkaHarness kafka, TopicNames topics) {
        Set<String> paths = new HashSet<>();
        TopicRecords.read(kafka.clientConfig(), topics.diagnoses(), PathDiagnosis.class, PATHS * RUNS, Duration.ofSeconds(30))
                .forEach(d -> paths.add(d.getPathId()));
        Map<String, Boolean> links = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : TopicRecords.readRaw(kafka.clientConfig(), topics.links(), Integer.MAX_VALUE,
                Duration.ofSeconds(5))) {
            links.put(new String(r.key(), StandardCharsets.UTF_8), r.value() != null);
        }
        Map<String, AnomalyState> windows = new HashMap<>();
        for (AnomalyWindow w : TopicRecords.read(kafka.clientConfig(), topics.anomalies(), AnomalyWindow.class,
                Integer.MAX_VALUE, Duration.ofSeconds(5))) {
            windows.put(w.getId(), w.getState());
        }
        return Map.of("paths", (long) paths.size(),
                "links", links.values().stream().filter(live -> live).count(),
                "open_anomalies", windows.values().stream().filter(s -> s != AnomalyState.CLOSED).count());
    }

    private Map<String, Long> gauges(int port) throws Exception {
        Map<String, Long> out = new HashMap<>();
        metrics(port).path("gauges").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asLong()));
        return out;
    }

    private long counter(int port, String name) throws Exception {
        return metrics(port).path("counters").path(name).asLong();
    }

    private JsonNode metrics(int port) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }
}
