package io.pmtuwatch.stream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.serde.AvroSerdes;
import io.pmtuwatch.stream.ObservationFixtures;
import io.pmtuwatch.schemas.Agent;
import io.pmtuwatch.embedded.KafkaHarness;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

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
import java.util.List;
import java.util.Properties;

/**
 * Time to serve again after {@code kill -9}, measured against the in-process broker with processor
 * instances in their own JVMs (as in production): a single instance restarted on its state
 * directory, and one of two instances killed with and without a standby replica. "Serving" means
 * the surviving or restarted instance answers for every path (its /metrics gauge paths reaches the
 * total). The single instance is killed and restarted three times under exactly-once and three times
 * under at-least-once (median); each restart prints what it replayed per store (the instance's own
 * /metrics) against the records in each store's changelog, the size of the state files, and when the
 * restarted instance logged its state changes. With {@code -Dfailover.baseline.classes=DIR} (a copy of
 * target/classes of another build), the single-instance restarts are measured with that build too, in
 * the same run. Run:
 * {@code mvn -B -o -q -pl stream-processor -am test-compile dependency:build-classpath
 * -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test -DskipTests}, then in stream-processor
 * {@code java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)"
 * io.pmtuwatch.stream.bench.FailoverBench 3000 4} (paths, default 60; runs per path, default 1; a third
 * argument {@code eos-restart} runs the exactly-once single-instance restarts only). The
 * instances are started on this JVM's class path: do not recompile while it runs.
 */
public final class FailoverBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private static final int PARTITIONS = 6;
    // kill -9 and restart cycles per guarantee, for a median.
    private static final int RESTARTS = 3;
    // The stream processor's classes of the build to compare with (e.g. a copy of target/classes from before a
    // change), measured in the same run: -Dfailover.baseline.classes=DIR.
    private static final String BASELINE_CLASSES = System.getProperty("failover.baseline.classes");

    private final KafkaHarness kafka = KafkaHarness.shared();
    private final Path dir;
    private final int paths;
    private final int runsPerPath;

    private FailoverBench(Path dir, int paths, int runsPerPath) {
        this.dir = dir;
        this.paths = paths;
        this.runsPerPath = runsPerPath;
    }

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (Exception e) {
            // The shared broker's threads would keep the JVM (and the bench) alive after a failure.
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        int paths = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        Path dir = Files.createTempDirectory("failover-bench");
        int runsPerPath = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        FailoverBench bench = new FailoverBench(dir, paths, runsPerPath);
        List<String> rows = new ArrayList<>();
        if (BASELINE_CLASSES != null) {
            rows.add(print(bench.restartSingle("exactly_once_v2", BASELINE_CLASSES)));
        }
        rows.add(print(bench.restartSingle("exactly_once_v2", null)));
        boolean all = args.length < 3 || !args[2].equals("eos-restart");
        if (all && BASELINE_CLASSES != null) {
            rows.add(print(bench.restartSingle("at_least_once", BASELINE_CLASSES)));
        }
        if (all) {
            rows.add(print(bench.restartSingle("at_least_once", null)));
            rows.add(print(bench.killOneOfTwo(1)));
            rows.add(print(bench.killOneOfTwo(0)));
        }
        System.out.println();
        System.out.printf("%-58s %12s%n", "scenario (" + paths + " paths x " + runsPerPath + " runs, " + PARTITIONS + " partitions)", "serving after");
        rows.forEach(System.out::println);
        System.exit(0);
    }

    private String restartSingle(String guarantee, String classes) throws Exception {
        String app = "fo1-" + Long.toString(System.nanoTime(), 36);
        int port = freePort();
        Process a = start(app, "a", port, 1, guarantee, classes);
        String variant = classes == null ? guarantee : guarantee + ", baseline";
        try {
            awaitPaths(port, a, Duration.ofMinutes(3), "first start");
            produce(app);
            awaitPaths(port, a, Duration.ofMinutes(15), "diagnosed");
            long diagnosed = awaitQuiet(port, Duration.ofMinutes(10));
            List<Double> seconds = new ArrayList<>();
            List<Long> restored = new ArrayList<>();
            for (int cycle = 0; cycle < RESTARTS; cycle++) {
                a.destroyForcibly().waitFor();
                long logFrom = Files.size(log(app, "a"));
                long t0 = System.nanoTime();
                java.time.LocalTime killedAt = java.time.LocalTime.now();
                a = start(app, "a", port, 1, guarantee, classes);
                awaitPaths(port, a, Duration.ofMinutes(5), "restart");
                seconds.add((System.nanoTime() - t0) / 1e9);
                restored.add(counter(port, "state_records_restored"));
                System.out.println("DETAIL " + variant + " restart " + (cycle + 1) + ": restored per store "
                        + restoredByStore(port) + "; changelog records per store " + changelogRecords(app) + "; "
                        + diagnosed + " diagnoses before the first kill; state files (bytes) " + stateFiles(app, "a"));
                System.out.println("DETAIL " + variant + " restart " + (cycle + 1) + ": after the kill "
                        + timeline(app, "a", logFrom, killedAt));
            }
            return String.format("%-58s %10.1f s  (each: %s; records restored: %s)",
                    "one instance, " + variant + ", kill -9, restart on its state dir", median(seconds),
                    seconds.stream().map(x -> String.format("%.1f", x)).toList(), restored);
        } finally {
            a.destroyForcibly().waitFor();
        }
    }

    /** Bytes of each store's files in the instance's state directory, all tasks. */
    private String stateFiles(String app, String name) throws IOException {
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        try (var files = Files.walk(dir.resolve("state-" + app + "-" + name))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path parent = file.getParent();
                String store = parent.getFileName().toString();
                if (parent.getParent() != null && parent.getParent().getFileName().toString().equals("rocksdb")) {
                    store = "rocksdb:" + store;
                }
                out.merge(store, Files.size(file), Long::sum);
            }
        }
        return out.toString();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private String killOneOfTwo(int standbys) throws Exception {
        String app = "fo2-" + standbys + "-" + Long.toString(System.nanoTime(), 36);
        int portA = freePort();
        int portB = freePort();
        Process a = start(app, "a", portA, standbys, "exactly_once_v2");
        Process b = start(app, "b", portB, standbys, "exactly_once_v2");
        try {
            produce(app);
            awaitTotal(portA, portB, Duration.ofMinutes(8));
            Thread.sleep(10_000); // let standbys catch up with the changelogs
            a.destroyForcibly().waitFor();
            long t0 = System.nanoTime();
            awaitPaths(portB, b, Duration.ofMinutes(5), "survivor");
            return row("two instances, standby.replicas=" + standbys + ", kill -9 one", t0);
        } finally {
            a.destroyForcibly().waitFor();
            b.destroyForcibly().waitFor();
        }
    }

    // Each row as soon as it is measured: a later scenario that fails must not lose the earlier ones.
    private static String print(String row) {
        System.out.println("ROW " + row);
        return row;
    }

    private static String row(String scenario, long t0) {
        return String.format("%-58s %10.1f s", scenario, (System.nanoTime() - t0) / 1e9);
    }

    private void produce(String app) throws Exception {
        kafka.createTopic("hops." + app, PARTITIONS); // the processor may have created them already
        kafka.createTopic("handshakes." + app, PARTITIONS);
        Properties props = new Properties();
        props.putAll(kafka.clientConfig());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        Instant start = Instant.now().minusSeconds(60L * runsPerPath);
        for (int r = 0; r < runsPerPath; r++) {
            Instant now = start.plusSeconds(60L * r);
            for (int i = 0; i < paths; i++) {
                Agent agent = ObservationFixtures.agent("agent-" + i);
                String runId = "run-" + i + "-" + r;
                HandshakeObservation handshake = ObservationFixtures.handshake(agent, ObservationFixtures.TARGET, runId, now);
                records.add(new ProducerRecord<>("handshakes." + app, handshake.getPathId(),
                        AvroSerdes.serializer(HandshakeObservation.class).serialize("h", handshake)));
                for (HopObservation hop : ObservationFixtures.run(agent, ObservationFixtures.TARGET, runId, now, 1400)) {
                    records.add(new ProducerRecord<>("hops." + app, hop.getPathId(),
                            AvroSerdes.serializer(HopObservation.class).serialize("h", hop)));
                }
            }
        }
        // Topics just created may refuse the first sends (metadata not yet everywhere): send those again.
        for (int attempt = 0; !records.isEmpty() && attempt < 5; attempt++) {
            List<ProducerRecord<String, byte[]>> failed = java.util.Collections.synchronizedList(new ArrayList<>());
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                    new ByteArraySerializer())) {
                for (ProducerRecord<String, byte[]> record : records) {
                    producer.send(record, (metadata, e) -> {
                        if (e != null) {
                            failed.add(record);
                        }
                    });
                }
            }
            records = failed;
        }
        if (!records.isEmpty()) {
            throw new IllegalStateException(records.size() + " records could not be sent");
        }
    }

    private Path log(String app, String name) {
        return dir.resolve(app + "-" + name + ".log");
    }

    /** The restarted instance's own count of changelog records replayed, per store (/metrics). */
    private String restoredByStore(int port) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/metrics")).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body()).path("stateRecordsRestoredByStore").toString();
    }

    /** Records in each store's changelog (end minus start offsets, all partitions): what a full restore replays at most. */
    private String changelogRecords(String app) throws Exception {
        var admin = kafka.adminClient();
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        List<String> changelogs = admin.listTopics().names().get().stream()
                .filter(t -> t.startsWith(app + "-") && t.endsWith("-changelog")).toList();
        java.util.Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new java.util.HashMap<>();
        java.util.Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> earliest = new java.util.HashMap<>();
        for (String topic : changelogs) {
            for (int p = 0; p < PARTITIONS; p++) {
                latest.put(new org.apache.kafka.common.TopicPartition(topic, p), org.apache.kafka.clients.admin.OffsetSpec.latest());
                earliest.put(new org.apache.kafka.common.TopicPartition(topic, p), org.apache.kafka.clients.admin.OffsetSpec.earliest());
            }
        }
        var ends = admin.listOffsets(latest).all().get();
        var starts = admin.listOffsets(earliest).all().get();
        ends.forEach((tp, end) -> out.merge(tp.topic().substring(app.length() + 1, tp.topic().length() - "-changelog".length()),
                end.offset() - starts.get(tp).offset(), Long::sum));
        return out.toString();
    }

    /** When, after the kill, the restarted instance logged its first line, its state changes and its last restoration. */
    private String timeline(String app, String name, long from, java.time.LocalTime killedAt) throws IOException {
        byte[] all = Files.readAllBytes(log(app, name));
        String text = new String(all, (int) Math.min(from, all.length), (int) (all.length - Math.min(from, all.length)),
                java.nio.charset.StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        String lastRestore = null;
        boolean first = true;
        for (String line : text.split("\n")) {
            if (line.length() < 12 || !line.matches("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} .*")) {
                continue;
            }
            String at = String.format("%.1f s", Duration.between(killedAt, java.time.LocalTime.parse(line.substring(0, 12))).toMillis() / 1e3);
            if (first) {
                out.add("first log line " + at);
                first = false;
            }
            if (line.contains("Kafka Streams ") && line.contains(" -> ")) {
                out.add(line.substring(line.indexOf("Kafka Streams ") + 14) + " " + at);
            } else if (line.contains("Restored store")) {
                lastRestore = at;
            }
        }
        out.add("last restoration ended " + lastRestore);
        return String.join(", ", out);
    }

    private Process start(String app, String name, int port, int standbys, String guarantee) throws IOException {
        return start(app, name, port, standbys, guarantee, null);
    }

    /** An instance in its own JVM; {@code classes}, when given, goes first on its class path (the baseline build). */
    private Process start(String app, String name, int port, int standbys, String guarantee, String classes)
            throws IOException {
        Path config = dir.resolve(app + "-" + name + ".conf");
        Files.writeString(config, String.join("\n",
                "kafka.bootstrap.servers = " + kafka.bootstrapServers(),
                "application.id = " + app,
                "state.dir = " + dir.resolve("state-" + app + "-" + name),
                "topic.partitions = " + PARTITIONS,
                "topic.hop-observations = hops." + app,
                "topic.handshake-observations = handshakes." + app,
                "topic.diagnoses = diagnoses." + app,
                "topic.anomalies = anomalies." + app,
                "topic.links = links." + app,
                "topic.dead-letter = dead." + app,
                "standby.replicas = " + standbys,
                "processing.guarantee = " + guarantee,
                "query.port = " + port,
                ""));
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-Xmx384m", "-Dlogback.configurationFile=" + logConfig(), "-cp",
                (classes == null ? "" : classes + System.getProperty("path.separator")) + System.getProperty("java.class.path"),
                "io.pmtuwatch.stream.cli.StreamMain", "process", "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dir.resolve(app + "-" + name + ".log").toFile())).start();
    }

    // The shipped logging hides Kafka's INFO lines; the bench wants the restorations' record counts.
    private Path logConfig() throws IOException {
        Path file = dir.resolve("logback-bench.xml");
        if (!Files.exists(file)) {
            Files.writeString(file, """
                    <configuration>
                      <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                        <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n</pattern></encoder>
                      </appender>
                      <logger name="io.pmtuwatch" level="INFO"/>
                      <logger name="org.apache.kafka.streams.processor.internals.ProcessorStateManager" level="INFO"/>
                      <logger name="org.apache.kafka.clients.NetworkClient" level="ERROR"/>
                      <root level="WARN"><appender-ref ref="OUT"/></root>
                    </configuration>
                    """);
        }
        return file;
    }

    private long localPaths(int port) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/metrics")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode gauges = JSON.readTree(response.body()).path("gauges");
            return gauges.has("paths") ? gauges.get("paths").asLong() : -1;
        } catch (Exception e) {
            return -1;
        }
    }

    private void awaitPaths(int port, Process process, Duration timeout, String what) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(what + ": the instance exited; see its log in " + dir);
            }
            if (what.equals("first start") ? localPaths(port) >= 0 : localPaths(port) >= paths) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(what + ": not serving all " + paths + " paths within " + timeout + "; logs in " + dir);
    }

    /** Waits until the diagnoses counter stops rising for 15 s (all input processed) and returns it. */
    private long awaitQuiet(int port, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long last = -1;
        long since = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long now = counter(port, "diagnoses_out");
            if (now != last) {
                last = now;
                since = System.nanoTime();
            } else if (System.nanoTime() - since > 15_000_000_000L) {
                return last;
            }
            Thread.sleep(500);
        }
        return last;
    }

    private long counter(int port, String name) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/metrics")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body()).path("counters").path(name).asLong();
        } catch (Exception e) {
            return -1;
        }
    }

    private void awaitTotal(int portA, int portB, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Math.max(localPaths(portA), 0) + Math.max(localPaths(portB), 0) >= paths) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the two instances did not diagnose all paths; logs in " + dir);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
