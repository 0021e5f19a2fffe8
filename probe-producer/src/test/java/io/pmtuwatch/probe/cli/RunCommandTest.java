package io.pmtuwatch.probe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pmtuwatch.probe.agent.AgentSetting;
import io.pmtuwatch.probe.agent.NamespaceRunner;
import io.pmtuwatch.probe.agent.PathProber;
import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.HopOutcome;
import io.pmtuwatch.schemas.Origin;
import io.pmtuwatch.schemas.ProbeMethod;
import io.pmtuwatch.schemas.ProbePhase;
import io.pmtuwatch.schemas.serde.AvroSerdes;
import io.pmtuwatch.embedded.KafkaHarness;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RunCommandTest {

    /** Two hops per run, built from the identity the agent passes in. */
    private static final PathProber TWO_HOPS = (identity, runId) -> {
        List<HopObservation> hops = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            hops.add(HopObservation.newBuilder().setPathId(identity.pathId()).setRunId(runId).setSequence(i)
                    .setAgent(identity.agent()).setTarget(identity.target()).setPhase(ProbePhase.HOP_TRACE)
                    .setMethod(ProbeMethod.UDP).setTtl(i + 1).setProbeSize(1500)
                    .setOutcome(i == 1 ? HopOutcome.DESTINATION_REACHED : HopOutcome.TIME_EXCEEDED)
                    .setTimestamp(Instant.ofEpochMilli(System.currentTimeMillis())).setOrigin(Origin.ACTIVE)
                    .setLastInRun(i == 1).setRunProbeCount(i == 1 ? 2 : null).build());
        }
        return hops;
    };

    private final StringWriter err = new StringWriter();

    private int run(Map<String, String> env, String... args) {
        CommandLine cl = new CommandLine(new RunCommand(env, TWO_HOPS, NamespaceRunner.LINUX));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void helpDocumentsEveryEnvironmentVariable() {
        String help = new CommandLine(new RunCommand(Map.of(), TWO_HOPS, NamespaceRunner.LINUX)).getUsageMessage();

        for (AgentSetting setting : AgentSetting.values()) {
            assertThat(help).contains(setting.option()).contains(setting.envVar());
        }
        assertThat(help).contains("PMTU_AGENT_CONFIG").contains("--once");
    }

    @Test
    void badTargetsFileFailsAtStartNamingFileAndLine(@TempDir Path dir) throws Exception {
        Path targets = Files.writeString(dir.resolve("targets.yaml"), "- host: a.example\n  port: 70000\n");

        int exit = run(Map.of("PMTU_AGENT_ID", "a", "KAFKA_BOOTSTRAP_SERVERS", "localhost:1"),
                "--targets", targets.toString());

        assertThat(exit).isEqualTo(RunCommand.BAD_CONFIG);
        assertThat(err.toString()).contains(targets + ":2:9: port 70000 is out of range (1-65535)");
    }

    @Test
    void anUnreachableBrokerEndsTheStartWithOneSentenceNamingIt(@TempDir Path dir) throws Exception {
        Path targets = Files.writeString(dir.resolve("targets.yaml"), "- host: 127.0.0.1\n  port: 9\n");
        int port;
        try (ServerSocket closed = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }

        int exit = run(Map.of("PMTU_AGENT_ID", "a", "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + port),
                "--once", "--targets", targets.toString(), "--startup-wait", "1s");

        assertThat(exit).isEqualTo(RunCommand.KAFKA_UNREACHABLE);
        assertThat(err.toString()).contains("run: Kafka at 127.0.0.1:" + port + " did not answer within 1 s")
                .contains("check that the brokers are running").doesNotContain("\tat ");
    }

    @Test
    void missingSettingsAreAllListed() {
        int exit = run(Map.of());

        assertThat(exit).isEqualTo(RunCommand.BAD_CONFIG);
        assertThat(err.toString()).contains("agent.id is required").contains("kafka.bootstrap.servers is required")
                .contains("targets.file is required");
    }

    @Test
    void onceProbesEveryTargetAndPublishesToKafka(@TempDir Path dir) throws Exception {
        KafkaHarness kafka = KafkaHarness.shared();
        String suffix = UUID.randomUUID().toString();
        String hopTopic = "run-hops." + suffix;
        String handshakeTopic = "run-handshakes." + suffix;
        kafka.createTopic(hopTopic, 2);
        kafka.createTopic(handshakeTopic, 2);
        try (ServerSocket a = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             ServerSocket b = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Path targets = Files.writeString(dir.resolve("targets.yaml"), "- host: 127.0.0.1\n  port: "
                    + a.getLocalPort() + "\n- host: 127.0.0.1\n  port: " + b.getLocalPort() + "\n  ip: 4\n");
            Map<String, String> env = Map.of("PMTU_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                    "PMTU_AGENT_NAME", "runner", "PMTU_TOPIC_HOP_OBSERVATIONS", hopTopic);

            int exit = run(env, "--once", "--agent-id", "cli-agent", "--targets", targets.toString(),
                    "--handshake-topic", handshakeTopic);

            assertThat(exit).as(err.toString()).isZero();
            List<ConsumerRecord<String, byte[]>> handshakes = read(kafka, handshakeTopic, 2);
            List<ConsumerRecord<String, byte[]>> hops = read(kafka, hopTopic, 4);
            assertThat(handshakes).extracting(ConsumerRecord::key).containsExactlyInAnyOrder(
                    "cli-agent|127.0.0.1|tcp|" + a.getLocalPort() + "|v4",
                    "cli-agent|127.0.0.1|tcp|" + b.getLocalPort() + "|v4");
            assertThat(hops).hasSize(4);
            for (ConsumerRecord<String, byte[]> r : handshakes) {
                HandshakeObservation h = AvroSerdes.deserializer(HandshakeObservation.class)
                        .deserialize(r.topic(), r.value());
                assertThat(h.getPathId()).isEqualTo(r.key());
                assertThat(h.getAgent().getName()).isEqualTo("runner");
                assertThat(hops).filteredOn(hop -> hop.key().equals(r.key())).hasSize(2).allSatisfy(hop ->
                        assertThat(AvroSerdes.deserializer(HopObservation.class).deserialize(hop.topic(), hop.value())
                                .getRunId()).isEqualTo(h.getRunId()));
            }
        }
    }

    @Test
    void aMetricsPortInUseEndsTheStartWithOneLineNamingIt(@TempDir Path dir) throws Exception {
        KafkaHarness kafka = KafkaHarness.shared();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path targets = Files.writeString(dir.resolve("targets.yaml"), "- host: 127.0.0.1\n  port: 9\n");

            int exit = run(Map.of("PMTU_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers()), "--agent-id", "busy-port",
                    "--targets", targets.toString(), "--metrics-port", String.valueOf(taken.getLocalPort()));

            assertThat(exit).isEqualTo(RunCommand.BAD_CONFIG);
            assertThat(err.toString().strip()).startsWith("run: cannot listen on 127.0.0.1:" + taken.getLocalPort()
                    + " (metrics.bind, metrics.port)").doesNotContain("\n").doesNotContain("Exception");
        }
    }

    private static List<ConsumerRecord<String, byte[]>> read(KafkaHarness kafka, String topic, int count) {
        Map<String, Object> props = new HashMap<>(kafka.clientConfig());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "run-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
