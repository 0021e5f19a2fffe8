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
 * total). Run:
 * {@code mvn -q -o -pl stream-processor -am test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.pmtuwatch.stream.bench.FailoverBench -Dexec.args="60"} (paths, default 60).
 */
public final class FailoverBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private static final int PARTITIONS = 6;

    private final KafkaHarness kafka = KafkaHarness.shared();
    private final Path dir;
    private final int paths;

    private FailoverBench(Path dir, int paths) {
        this.dir = dir;
        this.paths = paths;
    }

    public static void main(String[] args) throws Exception {
        int paths = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        Path dir = Files.createTempDirectory("failover-bench");
        FailoverBench bench = new FailoverBench(dir, paths);
        List<String> rows = new ArrayList<>();
        rows.add(bench.restartSingle());
        rows.add(bench.killOneOfTwo(1));
        rows.add(bench.killOneOfTwo(0));
        System.out.println();
        System.out.printf("%-58s %12s%n", "scenario (" + paths + " paths, " + PARTITIONS + " partitions)", "serving after");
        rows.forEach(System.out::println);
        System.exit(0);
    }

    private String restartSingle() throws Exception {
        String app = "fo1-" + Long.toString(System.nanoTime(), 36);
        int port = freePort();
        Process a = start(app, "a", port, 1);
        try {
            awaitPaths(port, a, Duration.ofMinutes(3), "first start");
            produce(app);
            awaitPaths(port, a, Duration.ofMinutes(3), "diagnosed");
            a.destroyForcibly().waitFor();
            long t0 = System.nanoTime();
            a = start(app, "a", port, 1);
            awaitPaths(port, a, Duration.ofMinutes(5), "restart");
            return row("one instance, kill -9, restart on its state dir", t0);
        } finally {
            a.destroyForcibly().waitFor();
        }
    }

    private String killOneOfTwo(int standbys) throws Exception {
        String app = "fo2-" + standbys + "-" + Long.toString(System.nanoTime(), 36);
        int portA = freePort();
        int portB = freePort();
        Process a = start(app, "a", portA, standbys);
        Process b = start(app, "b", portB, standbys);
        try {
            produce(app);
            awaitTotal(portA, portB, Duration.ofMinutes(3));
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

    private static String row(String scenario, long t0) {
        return String.format("%-58s %10.1f s", scenario, (System.nanoTime() - t0) / 1e9);
    }

    private void produce(String app) throws Exception {
        kafka.createTopic("hops." + app, PARTITIONS); // the processor may have created them already
        kafka.createTopic("handshakes." + app, PARTITIONS);
        Properties props = new Properties();
        props.putAll(kafka.clientConfig());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            Instant now = Instant.now();
            for (int i = 0; i < paths; i++) {
                Agent agent = ObservationFixtures.agent("agent-" + i);
                String runId = "run-" + i;
                HandshakeObservation handshake = ObservationFixtures.handshake(agent, ObservationFixtures.TARGET, runId, now);
                producer.send(new ProducerRecord<>("handshakes." + app, handshake.getPathId(),
                        AvroSerdes.serializer(HandshakeObservation.class).serialize("h", handshake)));
                for (HopObservation hop : ObservationFixtures.run(agent, ObservationFixtures.TARGET, runId, now, 1400)) {
                    producer.send(new ProducerRecord<>("hops." + app, hop.getPathId(),
                            AvroSerdes.serializer(HopObservation.class).serialize("h", hop)));
                }
            }
        }
    }

    private Process start(String app, String name, int port, int standbys) throws IOException {
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
                "query.port = " + port,
                ""));
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-Xmx384m", "-cp", System.getProperty("java.class.path"),
                "io.pmtuwatch.stream.cli.StreamMain", "process", "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dir.resolve(app + "-" + name + ".log").toFile())).start();
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
