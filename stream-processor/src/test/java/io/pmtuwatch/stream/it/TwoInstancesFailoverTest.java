package io.pmtuwatch.stream.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.serde.AvroSerdes;
import io.pmtuwatch.stream.DiagnosisRules;
import io.pmtuwatch.stream.config.ProcessorConfig;
import io.pmtuwatch.stream.config.RawConfig;
import io.pmtuwatch.stream.config.Settings;
import io.pmtuwatch.stream.deadletter.DeadLetterHeaders;
import io.pmtuwatch.stream.deadletter.DeadLetterReason;
import io.pmtuwatch.stream.app.ProcessorInstance;
import io.pmtuwatch.embedded.KafkaHarness;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scale-out and exactly-once against the real broker. Two instances of the app (separate JVMs, as
 * in production) share the partitions; one is killed with SIGKILL in the middle of a stream of
 * observations. The diagnoses on the output topic, read with read_committed, must be exactly those
 * of an undisturbed reference instance reading the same input: nothing lost, nothing duplicated.
 * Also: bad records reach the dead-letter topic once each, and the query API routes by key.
 *
 * <p>Synchronisation is on facts, never on sleeps: "done" means the app's committed input offsets
 * reached the end of the input (under exactly-once, its output for that input is committed with them).
 */
class TwoInstancesFailoverTest {

    private static final int PARTITIONS = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void killingOneOfTwoInstancesMidStreamLosesAndDuplicatesNothing() throws Exception {
        KafkaHarness kafka = KafkaHarness.shared();
        String suffix = Long.toString(System.nanoTime(), 36);
        RawConfig inputs = RawConfig.empty()
                .with(Settings.BOOTSTRAP_SERVERS, kafka.bootstrapServers())
                .with(Settings.PARTITIONS, Integer.toString(PARTITIONS))
                .with(Settings.HOP_TOPIC, "hops." + suffix)
                .with(Settings.HANDSHAKE_TOPIC, "handshakes." + suffix)
                .with(Settings.HANDSHAKE_GRACE, "5s");
        String haApp = "ha-" + suffix;
        Map<String, String> ha = outputs(haApp);
        Map<String, String> ref = outputs("ref-" + suffix);

        // Reference: one undisturbed instance, in this JVM.
        RawConfig refRaw = copy(inputs, ref).with(Settings.APPLICATION_ID, ref.get("app"))
                .with(Settings.STATE_DIR, dir.resolve("ref").toString()).with(Settings.QUERY_PORT, "-1");
        // The two instances under test, in their own JVMs.
        int portA = freePort();
        int portB = freePort();
        Process a = startInstance("a", inputs, ha, portA);
        Process b = startInstance("b", inputs, ha, portB);
        try (ProcessorInstance reference = ProcessorInstance.start(ProcessorConfig.from(refRaw), DiagnosisRules.standard())) {
            awaitRunning(portA, a, "a");
            awaitRunning(portB, b, "b");

            List<ObservationStream.Run> runs = ObservationStream.of(6, 30, 8, Instant.parse("2026-11-24T10:00:00Z"));
            AtomicInteger sent = new AtomicInteger();
            CompletableFuture<Void> killed = new CompletableFuture<>();
            CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> produce(kafka, inputs, runs, sent, killed));

            // Mid-stream: both instances have committed output, then one dies without any cleanup.
            await().atMost(Duration.ofSeconds(120)).until(() -> CommittedOutput.count(kafka, ha.get("diagnoses")) >= runs.size() / 4);
            checkQueriesAreRoutedToTheOwner(kafka, ha.get("diagnoses"), portA, portB);
            assertThat(sent.get()).as("the stream is still going when the instance dies").isLessThan(runs.size());
            a.destroyForcibly().waitFor();
            killed.complete(null);

            producing.get();
            List<TopicPartition> inputPartitions = partitions(inputs);
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                    .until(() -> CommittedOutput.caughtUp(kafka, haApp, inputPartitions) && CommittedOutput.caughtUp(kafka, ref.get("app"), inputPartitions));

            List<PathDiagnosis> expected = CommittedOutput.diagnoses(kafka, ref.get("diagnoses"));
            List<PathDiagnosis> actual = CommittedOutput.diagnoses(kafka, ha.get("diagnoses"));
            assertThat(expected).as("reference run: one diagnosis per run").hasSize(runs.size());
            assertThat(actual).as("nothing lost, nothing duplicated").hasSize(runs.size());
            assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);

            for (Map<String, String> outputs : List.of(ref, ha)) {
                List<ConsumerRecord<byte[], byte[]>> dead = CommittedOutput.records(kafka, outputs.get("dead-letter"));
                assertThat(dead).as("each bad record exactly once in " + outputs.get("dead-letter")).hasSize(2);
                assertThat(dead).extracting(r -> header(r, DeadLetterHeaders.REASON)).containsExactlyInAnyOrder(
                        DeadLetterReason.DECODE_BAD_HEADER.name(), DeadLetterReason.INVALID_MTU.name());
                assertThat(dead).allSatisfy(r -> {
                    assertThat(header(r, DeadLetterHeaders.TOPIC)).isEqualTo("hops." + suffix);
                    assertThat(header(r, DeadLetterHeaders.OFFSET)).isNotBlank();
                    assertThat(header(r, DeadLetterHeaders.PARTITION)).isNotBlank();
                });
            }

            JsonNode paths = get(portB, "/paths?limit=1000");
            assertThat(paths.path("items").size()).as("the survivor serves every path").isEqualTo(6 * 30);
            assertThat(paths.at("/totals/all").asInt()).isEqualTo(6 * 30);
        } finally {
            a.destroyForcibly();
            b.destroy();
            b.waitFor();
        }
    }

    private void checkQueriesAreRoutedToTheOwner(KafkaHarness kafka, String diagnosesTopic, int portA, int portB)
            throws Exception {
        String pathId = CommittedOutput.records(kafka, diagnosesTopic).stream().findFirst()
                .map(r -> new String(r.key(), StandardCharsets.UTF_8)).orElseThrow();
        String resource = "/paths/" + URLEncoder.encode(pathId, StandardCharsets.UTF_8);
        HttpResponse<String> fromA = await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> send(portA, resource), r -> r.statusCode() == 200);
        HttpResponse<String> fromB = await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> send(portB, resource), r -> r.statusCode() == 200);
        assertThat(JSON.readTree(fromA.body()).at("/diagnosis/pathId").asText()).isEqualTo(pathId);
        assertThat(JSON.readTree(fromB.body()).at("/diagnosis/hops").size()).isPositive();
        assertThat(fromA.headers().firstValue("X-Pmtu-Answered-By").isPresent()
                ^ fromB.headers().firstValue("X-Pmtu-Answered-By").isPresent())
                .as("exactly one of the two instances forwarded the request to the owner").isTrue();
        // Pages across both instances: every path once, in list order, whichever instance is asked.
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            List<String> walked = new ArrayList<>();
            String cursor = "";
            do {
                JsonNode page = get(portA, "/paths?limit=50" + (cursor.isEmpty() ? "" : "&cursor=" + cursor));
                assertThat(page.path("matched").asInt()).isEqualTo(6 * 30);
                assertThat(page.path("items").size()).isLessThanOrEqualTo(50);
                page.path("items").forEach(item -> walked.add(item.path("pathId").asText()));
                cursor = page.path("nextCursor").asText("");
            } while (!cursor.isEmpty());
            assertThat(walked).hasSize(6 * 30).doesNotHaveDuplicates();
        });
        HttpResponse<String> bad = send(portB, "/paths?limit=abc");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).path("error").asText()).contains("limit must be");
    }

    /** Sends the runs as a paced stream; halfway it waits until the test has killed an instance. */
    private static void produce(KafkaHarness kafka, RawConfig inputs, List<ObservationStream.Run> runs, AtomicInteger sent,
                                CompletableFuture<Void> killed) {
        ProcessorConfig config = ProcessorConfig.from(inputs);
        Map<String, Object> props = new HashMap<>(kafka.clientConfig());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        String hopTopic = config.topology().topics().hopObservations();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            var hops = AvroSerdes.serializer(HopObservation.class);
            var handshakes = AvroSerdes.serializer(HandshakeObservation.class);
            for (int i = 0; i < runs.size(); i++) {
                ObservationStream.Run run = runs.get(i);
                if (i == runs.size() / 2) {
                    producer.flush();
                    killed.join();
                }
                if (i == 10) {
                    producer.send(new ProducerRecord<>(hopTopic, run.pathId(), "not avro".getBytes(StandardCharsets.UTF_8)));
                    HopObservation bad = HopObservation.newBuilder(run.hops().get(0)).setRunId("bad").setReportedMtu(0).build();
                    producer.send(new ProducerRecord<>(hopTopic, run.pathId(), hops.serialize(hopTopic, bad)));
                }
                for (HandshakeObservation h : run.handshakes()) {
                    producer.send(new ProducerRecord<>(config.topology().topics().handshakeObservations(), run.pathId(),
                            handshakes.serialize("", h)));
                }
                for (HopObservation h : run.hops()) {
                    producer.send(new ProducerRecord<>(hopTopic, run.pathId(), hops.serialize(hopTopic, h)));
                }
                sent.incrementAndGet();
                if (i % 20 == 19) {
                    producer.flush();
                    pause(); // a stream, not a burst: the kill must land in the middle of it
                }
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Process startInstance(String name, RawConfig inputs, Map<String, String> outputs, int port) throws IOException {
        ProcessorConfig in = ProcessorConfig.from(inputs);
        Path config = dir.resolve(name + ".conf");
        Files.writeString(config, String.join("\n",
                "kafka.bootstrap.servers = " + in.bootstrapServers(),
                "application.id = " + outputs.get("app"),
                "state.dir = " + dir.resolve("state-" + name),
                "topic.partitions = " + PARTITIONS,
                "topic.hop-observations = " + in.topology().topics().hopObservations(),
                "topic.handshake-observations = " + in.topology().topics().handshakeObservations(),
                "topic.diagnoses = " + outputs.get("diagnoses"),
                "topic.anomalies = " + outputs.get("anomalies"),
                "topic.links = " + outputs.get("links"),
                "topic.dead-letter = " + outputs.get("dead-letter"),
                "run.handshake-grace = 5s",
                "query.port = " + port,
                // Fail-over within seconds, not the 45 s default, so the test stays short.
                "streams.consumer.session.timeout.ms = 6000",
                "streams.consumer.heartbeat.interval.ms = 1000",
                ""));
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-Xmx384m", "-cp", System.getProperty("java.class.path"),
                "io.pmtuwatch.stream.cli.StreamMain", "process", "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile()).start();
    }

    private void awaitRunning(int port, Process process, String name) {
        await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("instance " + name + " exited: " + Files.readString(dir.resolve(name + ".log")));
            }
            return "RUNNING".equals(get(port, "/health").path("state").asText());
        });
    }

    private HttpResponse<String> send(int port, String resource) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + resource)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(int port, String resource) throws IOException, InterruptedException {
        return JSON.readTree(send(port, resource).body());
    }

    private static Map<String, String> outputs(String app) {
        return Map.of("app", app, "diagnoses", "diagnoses." + app, "anomalies", "anomalies." + app, "links", "links." + app,
                "dead-letter", "dead-letter." + app);
    }

    private static RawConfig copy(RawConfig inputs, Map<String, String> outputs) {
        ProcessorConfig in = ProcessorConfig.from(inputs);
        return RawConfig.empty()
                .with(Settings.BOOTSTRAP_SERVERS, in.bootstrapServers())
                .with(Settings.PARTITIONS, Integer.toString(PARTITIONS))
                .with(Settings.HOP_TOPIC, in.topology().topics().hopObservations())
                .with(Settings.HANDSHAKE_TOPIC, in.topology().topics().handshakeObservations())
                .with(Settings.HANDSHAKE_GRACE, "5s")
                .with(Settings.DIAGNOSES_TOPIC, outputs.get("diagnoses"))
                .with(Settings.ANOMALIES_TOPIC, outputs.get("anomalies"))
                .with(Settings.LINKS_TOPIC, outputs.get("links"))
                .with(Settings.DEAD_LETTER_TOPIC, outputs.get("dead-letter"));
    }

    private static List<TopicPartition> partitions(RawConfig inputs) {
        ProcessorConfig in = ProcessorConfig.from(inputs);
        List<TopicPartition> out = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            out.add(new TopicPartition(in.topology().topics().hopObservations(), p));
            out.add(new TopicPartition(in.topology().topics().handshakeObservations(), p));
        }
        return out;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
