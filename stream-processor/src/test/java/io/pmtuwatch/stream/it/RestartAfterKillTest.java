package io.pmtuwatch.stream.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pmtuwatch.embedded.KafkaHarness;
import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.serde.AvroSerdes;
import io.pmtuwatch.stream.DiagnosisRules;
import io.pmtuwatch.stream.app.ProcessorInstance;
import io.pmtuwatch.stream.config.ProcessorConfig;
import io.pmtuwatch.stream.config.RawConfig;
import io.pmtuwatch.stream.config.Settings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
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
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A restart after {@code kill -9} under exactly-once keeps the state it had: one instance (its own
 * JVM) is killed twice in the middle of a stream of observations, each time while it is processing,
 * and restarted on its state directory. Each restart replays only a small tail of the changelogs
 * (its own count of restored records, against what the changelogs hold), and in the end its
 * diagnoses (read_committed) and the state it serves are exactly those of an undisturbed reference
 * instance that read the same input: nothing lost, nothing duplicated, no uncommitted write kept.
 * A second test splits every run across a kill: the open runs the commit covered come back.
 */
class RestartAfterKillTest {

    private static final int PARTITIONS = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aRestartAfterKillMinus9ReplaysOnlyTheTailAndEndsInTheSameStateAsARunWithoutCrash() throws Exception {
        KafkaHarness kafka = KafkaHarness.shared();
        String suffix = Long.toString(System.nanoTime(), 36);
        String hops = "hops." + suffix;
        String handshakes = "handshakes." + suffix;
        String app = "kill-" + suffix;
        String ref = "ref-" + suffix;
        kafka.createTopic(hops, PARTITIONS);
        kafka.createTopic(handshakes, PARTITIONS);

        RawConfig refRaw = reference(kafka, ref, hops, handshakes);
        int port = freePort();
        Path config = writeConfig(kafka, app, hops, handshakes, port);

        List<ObservationStream.Run> runs = ObservationStream.of(6, 40, 9, Instant.parse("2026-11-24T10:00:00Z"));
        Process instance = start(config, 0);
        try (ProcessorInstance reference = ProcessorInstance.start(ProcessorConfig.from(refRaw), DiagnosisRules.standard());
             KafkaProducer<String, byte[]> producer = producer(kafka)) {
            awaitRunning(port, instance);
            int third = runs.size() / 3;
            List<Long> restored = new ArrayList<>();
            for (int part = 0; part < 3; part++) {
                List<ObservationStream.Run> slice = runs.subList(part * third, part == 2 ? runs.size() : (part + 1) * third);
                if (part < 2) {
                    // Keep it processing while it is killed: half the slice, then kill -9 with the rest on its way.
                    send(producer, hops, handshakes, slice.subList(0, slice.size() / 2));
                    long sentSoFar = part * third + slice.size() / 2;
                    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                            .until(() -> CommittedOutput.count(kafka, "diagnoses." + app) >= sentSoFar * 9 / 10);
                    Thread pacer = new Thread(() -> send(producer, hops, handshakes, slice.subList(slice.size() / 2, slice.size())));
                    pacer.start();
                    // Not a wait for a condition: any moment after the rest started flowing will do, as
                    // the 2 s transactions always hold uncommitted writes; the assertions hold wherever it lands.
                    Thread.sleep(1500);
                    instance.destroyForcibly().waitFor();
                    pacer.join();
                    long changelogRecords = changelogRecords(kafka, app);
                    instance = start(config, part + 1);
                    awaitRunning(port, instance);
                    long replayed = await().atMost(Duration.ofSeconds(60)).until(() -> restoredRecords(port), n -> n >= 0);
                    restored.add(replayed);
                    assertThat(changelogRecords).as("the changelogs hold enough for the count to mean something")
                            .isGreaterThan(1000);
                    assertThat(replayed).as("records restored after kill -9 #%d, of %d in the changelogs", part + 1,
                            changelogRecords).isLessThan(changelogRecords / 10);
                } else {
                    send(producer, hops, handshakes, slice);
                }
            }

            List<TopicPartition> inputs = inputs(hops, handshakes);
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                    .until(() -> CommittedOutput.caughtUp(kafka, app, inputs) && CommittedOutput.caughtUp(kafka, ref, inputs));

            List<PathDiagnosis> expected = CommittedOutput.diagnoses(kafka, "diagnoses." + ref);
            List<PathDiagnosis> actual = CommittedOutput.diagnoses(kafka, "diagnoses." + app);
            assertThat(expected).as("reference run: one diagnosis per run").hasSize(runs.size());
            assertThat(runIds(actual)).as("nothing lost, nothing duplicated across two kills")
                    .containsExactlyElementsOf(runIds(expected));
            assertThat(actual).as("the same diagnoses").isEqualTo(expected);

            int refPort = ProcessorConfig.from(refRaw).queryPort();
            assertThat(paths(port)).as("the state served after the restarts").isEqualTo(paths(refPort));
            assertThat(gauges(port)).as("paths, links, open anomalies").isEqualTo(gauges(refPort));
            System.out.println("restored after each kill -9: " + restored);
        } finally {
            instance.destroyForcibly().waitFor();
        }
    }

    /**
     * Runs whose observations straddle a kill -9: each run's handshake and first hop are processed and
     * committed, its second hop is sent as the instance is killed (processed or not, not committed),
     * the rest after the restart. The open runs come back from the committed state (run assembly
     * writes its store at the commit, not with each observation: what the commit covers must be in it),
     * the uncommitted hops are read again, and every run gets the diagnosis an instance that was never
     * interrupted gives it.
     */
    @Test
    void runsSplitAcrossAKillMinus9GetTheDiagnosesOfAnUninterruptedInstance() throws Exception {
        KafkaHarness kafka = KafkaHarness.shared();
        String suffix = Long.toString(System.nanoTime(), 36);
        String hops = "split-hops." + suffix;
        String handshakes = "split-handshakes." + suffix;
        String app = "split-" + suffix;
        String ref = "split-ref-" + suffix;
        kafka.createTopic(hops, PARTITIONS);
        kafka.createTopic(handshakes, PARTITIONS);
        // Long enough that no run times out while the instance restarts.
        RawConfig refRaw = reference(kafka, ref, hops, handshakes).with(Settings.RUN_TIMEOUT, "5m");
        int port = freePort();
        Path config = writeConfig(kafka, app, hops, handshakes, port, "run.timeout = 5m");
        List<TopicPartition> inputs = inputs(hops, handshakes);

        List<ObservationStream.Run> runs = ObservationStream.of(3, 8, 1, Instant.parse("2026-11-24T11:00:00Z"));
        Process instance = start(config, 0);
        try (ProcessorInstance reference = ProcessorInstance.start(ProcessorConfig.from(refRaw), DiagnosisRules.standard());
             KafkaProducer<String, byte[]> producer = producer(kafka)) {
            awaitRunning(port, instance);
            sendPart(producer, hops, handshakes, runs, 0, 1);
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                    .until(() -> CommittedOutput.caughtUp(kafka, app, inputs));
            assertThat(CommittedOutput.count(kafka, "diagnoses." + app)).as("every run still open").isZero();

            sendPart(producer, hops, handshakes, runs, 1, 2);
            // Not a wait for a condition: the 2 s transactions leave the second hops uncommitted, processed or
            // not, at almost any moment; the assertions hold wherever the kill lands.
            Thread.sleep(300);
            instance.destroyForcibly().waitFor();
            instance = start(config, 1);
            awaitRunning(port, instance);
            sendPart(producer, hops, handshakes, runs, 2, Integer.MAX_VALUE);
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                    .until(() -> CommittedOutput.caughtUp(kafka, app, inputs) && CommittedOutput.caughtUp(kafka, ref, inputs));

            List<PathDiagnosis> expected = CommittedOutput.diagnoses(kafka, "diagnoses." + ref);
            assertThat(expected).as("reference run: one complete diagnosis per run").hasSize(runs.size())
                    .allMatch(PathDiagnosis::getComplete);
            assertThat(CommittedOutput.diagnoses(kafka, "diagnoses." + app)).as("the runs split by the kill")
                    .isEqualTo(expected);
        } finally {
            instance.destroyForcibly().waitFor();
        }
    }

    private RawConfig reference(KafkaHarness kafka, String ref, String hops, String handshakes) throws IOException {
        return RawConfig.empty()
                .with(Settings.BOOTSTRAP_SERVERS, kafka.bootstrapServers())
                .with(Settings.PARTITIONS, Integer.toString(PARTITIONS))
                .with(Settings.HOP_TOPIC, hops)
                .with(Settings.HANDSHAKE_TOPIC, handshakes)
                .with(Settings.HANDSHAKE_GRACE, "5s")
                .with(Settings.APPLICATION_ID, ref)
                .with(Settings.DIAGNOSES_TOPIC, "diagnoses." + ref)
                .with(Settings.ANOMALIES_TOPIC, "anomalies." + ref)
                .with(Settings.LINKS_TOPIC, "links." + ref)
                .with(Settings.DEAD_LETTER_TOPIC, "dead-letter." + ref)
                .with(Settings.STATE_DIR, dir.resolve("ref").toString())
                .with(Settings.QUERY_PORT, Integer.toString(freePort()));
    }

    private static List<TopicPartition> inputs(String hops, String handshakes) {
        List<TopicPartition> inputs = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            inputs.add(new TopicPartition(hops, p));
            inputs.add(new TopicPartition(handshakes, p));
        }
        return inputs;
    }

    /** Hops {@code from} (inclusive) to {@code to} (exclusive) of each run; its handshakes with the first part. */
    private static void sendPart(KafkaProducer<String, byte[]> producer, String hops, String handshakes,
                                 List<ObservationStream.Run> runs, int from, int to) {
        var hopSerializer = AvroSerdes.serializer(HopObservation.class);
        var handshakeSerializer = AvroSerdes.serializer(HandshakeObservation.class);
        for (ObservationStream.Run run : runs) {
            if (from == 0) {
                for (HandshakeObservation h : run.handshakes()) {
                    producer.send(new ProducerRecord<>(handshakes, run.pathId(), handshakeSerializer.serialize(handshakes, h)));
                }
            }
            for (HopObservation h : run.hops().subList(Math.min(from, run.hops().size()), Math.min(to, run.hops().size()))) {
                producer.send(new ProducerRecord<>(hops, run.pathId(), hopSerializer.serialize(hops, h)));
            }
        }
        producer.flush();
    }

    private Path writeConfig(KafkaHarness kafka, String app, String hops, String handshakes, int port,
                             String... more) throws IOException {
        Path config = dir.resolve(app + ".conf");
        Files.writeString(config, String.join("\n", more) + "\n" + String.join("\n",
                "kafka.bootstrap.servers = " + kafka.bootstrapServers(),
                "application.id = " + app,
                "state.dir = " + dir.resolve("state-" + app),
                "topic.partitions = " + PARTITIONS,
                "topic.hop-observations = " + hops,
                "topic.handshake-observations = " + handshakes,
                "topic.diagnoses = diagnoses." + app,
                "topic.anomalies = anomalies." + app,
                "topic.links = links." + app,
                "topic.dead-letter = dead-letter." + app,
                "run.handshake-grace = 5s",
                "processing.guarantee = exactly_once_v2",
                "query.port = " + port,
                // Long transactions and no record cache: every store write reaches the stores (and the
                // changelogs) at once and stays uncommitted for up to 2 s, so the kill lands on many. A store
                // that kept one would, after the restart, drop the replayed observations as duplicates.
                "commit.interval = 2s",
                "streams.statestore.cache.max.bytes = 0",
                ""));
        return config;
    }

    private Process start(Path config, int generation) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-Xmx384m", "-cp", System.getProperty("java.class.path"),
                "io.pmtuwatch.stream.cli.StreamMain", "process", "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("instance-" + generation + ".log").toFile()).start();
    }

    private void awaitRunning(int port, Process process) {
        await().atMost(Duration.ofSeconds(120)).ignoreExceptions().until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("the instance exited; its logs are in " + dir);
            }
            return "RUNNING".equals(get(port, "/health").path("state").asText());
        });
    }

    private static List<String> runIds(List<PathDiagnosis> diagnoses) {
        return diagnoses.stream().map(d -> d.getPathId() + "/" + d.getRunId()).toList();
    }

    private static KafkaProducer<String, byte[]> producer(KafkaHarness kafka) {
        Map<String, Object> props = new HashMap<>(kafka.clientConfig());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    /** Sends runs as a paced stream (a burst would be processed before the kill lands). */
    private static void send(KafkaProducer<String, byte[]> producer, String hops, String handshakes,
                             List<ObservationStream.Run> runs) {
        var hopSerializer = AvroSerdes.serializer(HopObservation.class);
        var handshakeSerializer = AvroSerdes.serializer(HandshakeObservation.class);
        for (int i = 0; i < runs.size(); i++) {
            ObservationStream.Run run = runs.get(i);
            for (HandshakeObservation h : run.handshakes()) {
                producer.send(new ProducerRecord<>(handshakes, run.pathId(), handshakeSerializer.serialize(handshakes, h)));
            }
            for (HopObservation h : run.hops()) {
                producer.send(new ProducerRecord<>(hops, run.pathId(), hopSerializer.serialize(hops, h)));
            }
            if (i % 20 == 19) {
                producer.flush();
                try {
                    Thread.sleep(150);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        producer.flush();
    }

    private long restoredRecords(int port) {
        try {
            return get(port, "/metrics").path("counters").path("state_records_restored").asLong(-1);
        } catch (Exception e) {
            return -1;
        }
    }

    private Map<String, Long> gauges(int port) throws Exception {
        Map<String, Long> out = new TreeMap<>();
        JsonNode gauges = get(port, "/metrics").path("gauges");
        for (String gauge : List.of("paths", "links", "open_anomalies")) {
            out.put(gauge, gauges.path(gauge).asLong(-1));
        }
        return out;
    }

    private List<String> paths(int port) throws Exception {
        List<String> out = new ArrayList<>();
        get(port, "/paths?limit=1000").path("items").forEach(item -> out.add(item.toString()));
        out.sort(Comparator.naturalOrder());
        return out;
    }

    private JsonNode get(int port, String resource) throws IOException, InterruptedException {
        return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + resource)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    /** Records in the app's changelogs (all partitions, end minus start offsets). */
    private static long changelogRecords(KafkaHarness kafka, String app) throws Exception {
        Admin admin = kafka.adminClient();
        List<String> changelogs = admin.listTopics().names().get().stream()
                .filter(t -> t.startsWith(app + "-") && t.endsWith("-changelog")).toList();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        for (String topic : changelogs) {
            for (int p = 0; p < PARTITIONS; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
                earliest.put(new TopicPartition(topic, p), OffsetSpec.earliest());
            }
        }
        var ends = admin.listOffsets(latest).all().get();
        var starts = admin.listOffsets(earliest).all().get();
        return ends.entrySet().stream().mapToLong(e -> e.getValue().offset() - starts.get(e.getKey()).offset()).sum();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
