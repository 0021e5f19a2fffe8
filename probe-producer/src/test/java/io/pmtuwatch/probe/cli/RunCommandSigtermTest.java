package io.pmtuwatch.probe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.serde.AvroSerdes;
import io.pmtuwatch.embedded.KafkaHarness;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import io.pmtuwatch.lab.Family;
import io.pmtuwatch.lab.Lab;
import io.pmtuwatch.lab.Topologies;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent as a real process: {@code pmtu-probe run} probing a lab server every second from the
 * lab's agent namespace, stopped with SIGTERM. Every run that reached Kafka must be complete (its lastInRun record and runProbeCount
 * records): in-flight runs finish and the producer flushes before the JVM exits.
 */
@Tag("root")
class RunCommandSigtermTest {

    @Test
    void sigtermFinishesRunsAndFlushes(@TempDir Path dir) throws Exception {
        KafkaHarness kafka = KafkaHarness.shared();
        String hopTopic = "sigterm-hops." + UUID.randomUUID();
        kafka.createTopic(hopTopic, 1);
        try (Lab lab = Lab.build(Topologies.clean())) {
            Path targets = Files.writeString(dir.resolve("targets.yaml"), "- host: "
                    + lab.truth().serverAddress(Family.V4) + "\n  port: " + lab.truth().tcpPort()
                    + "\n  interval: 1s\n  netns: " + lab.agentNamespace() + "\n");
            runAndStop(kafka, hopTopic, targets, dir);
        }
    }

    private static void runAndStop(KafkaHarness kafka, String hopTopic, Path targets, Path dir) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ProbeMain.class.getName(), "run", "-v",
                "--targets", targets.toString(), "--jitter", "0");
        builder.environment().putAll(Map.of("PMTU_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "PMTU_AGENT_ID", "sigterm-agent", "PMTU_TOPIC_HOP_OBSERVATIONS", hopTopic));
        File log = dir.resolve("agent.log").toFile();
        Process agent = builder.redirectErrorStream(true).redirectOutput(log).start();
        List<HopObservation> hops;
        try (KafkaConsumer<String, byte[]> consumer = consumer(kafka, hopTopic)) {
            hops = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            // Wait for two complete runs, so the agent is in its steady schedule.
            while (hops.stream().filter(HopObservation::getLastInRun).count() < 2 && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r ->
                        hops.add(AvroSerdes.deserializer(HopObservation.class).deserialize(r.topic(), r.value())));
            }
            assertThat(hops.stream().filter(HopObservation::getLastInRun).count())
                    .as(() -> readLog(log)).isGreaterThanOrEqualTo(2);

            agent.destroy(); // SIGTERM
            assertThat(agent.waitFor(60, TimeUnit.SECONDS)).as(() -> readLog(log)).isTrue();
            assertThat(agent.exitValue()).isEqualTo(143); // 128 + SIGTERM: stopped by the signal, after the hook

            for (int quiet = 0; quiet < 3; ) {
                int before = hops.size();
                consumer.poll(Duration.ofMillis(300)).forEach(r ->
                        hops.add(AvroSerdes.deserializer(HopObservation.class).deserialize(r.topic(), r.value())));
                quiet = hops.size() == before ? quiet + 1 : 0;
            }
        } finally {
            agent.destroyForcibly();
        }

        Map<String, List<HopObservation>> runs = hops.stream().collect(Collectors.groupingBy(HopObservation::getRunId));
        assertThat(runs).allSatisfy((runId, records) -> {
            HopObservation last = records.stream().filter(HopObservation::getLastInRun).findFirst().orElseThrow(
                    () -> new AssertionError("run " + runId + " has no last record: cut short by the shutdown"));
            assertThat(records).hasSize(last.getRunProbeCount());
        });
        assertThat(readLog(log)).contains("stopping: finishing runs in flight").contains("agent stopped");
    }

    private static KafkaConsumer<String, byte[]> consumer(KafkaHarness kafka, String topic) {
        Map<String, Object> props = new HashMap<>(kafka.clientConfig());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "sigterm-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    private static String readLog(File log) {
        try {
            return Files.readString(log.toPath());
        } catch (java.io.IOException e) {
            return "(no agent log: " + e + ")";
        }
    }
}
