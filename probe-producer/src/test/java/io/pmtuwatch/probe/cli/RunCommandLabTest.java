package io.pmtuwatch.probe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pmtuwatch.lab.Family;
import io.pmtuwatch.lab.Lab;
import io.pmtuwatch.lab.Topologies;
import io.pmtuwatch.probe.agent.NamespaceRunner;
import io.pmtuwatch.probe.agent.TracerPathProber;
import io.pmtuwatch.probe.trace.TraceSettings;
import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.HandshakeOutcome;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.HopOutcome;
import io.pmtuwatch.schemas.MssMethod;
import io.pmtuwatch.schemas.serde.AvroSerdes;
import io.pmtuwatch.embedded.KafkaHarness;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The whole agent on a real path: {@code run --once} from the lab's agent namespace through a 1400
 * link, real handshake, real tracer, real broker. Run twice, it also shows why the handshake goes
 * first: after the first trace our kernel caches PMTU 1400 and the next SYN advertises 1360.
 */
@Tag("root")
class RunCommandLabTest {

    @Test
    void runOncePublishesHandshakeAndTraceOfALabPath(@TempDir Path dir) throws Exception {
        KafkaHarness kafka = KafkaHarness.shared();
        String suffix = UUID.randomUUID().toString();
        String hopTopic = "lab-hops." + suffix;
        String handshakeTopic = "lab-handshakes." + suffix;
        kafka.createTopic(hopTopic, 1);
        kafka.createTopic(handshakeTopic, 1);
        try (Lab lab = Lab.build(Topologies.mtu1400())) {
            String server = lab.truth().serverAddress(Family.V4);
            Path targets = Files.writeString(dir.resolve("targets.yaml"), "- host: " + server + "\n  port: "
                    + lab.truth().tcpPort() + "\n  ip: 4\n  netns: " + lab.agentNamespace() + "\n");
            Map<String, String> env = Map.of("PMTU_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                    "PMTU_AGENT_ID", "lab-agent", "PMTU_TARGETS_FILE", targets.toString(),
                    "PMTU_TOPIC_HOP_OBSERVATIONS", hopTopic, "PMTU_TOPIC_HANDSHAKE_OBSERVATIONS", handshakeTopic);

            assertThat(runOnce(env)).isZero();
            assertThat(runOnce(env)).isZero();

            List<HandshakeObservation> handshakes = read(kafka, handshakeTopic, 2).stream()
                    .map(r -> AvroSerdes.deserializer(HandshakeObservation.class).deserialize(r.topic(), r.value()))
                    .toList();
            HandshakeObservation first = handshakes.get(0);
            assertThat(first.getOutcome()).isEqualTo(HandshakeOutcome.ESTABLISHED);
            assertThat(first.getMethod()).isEqualTo(MssMethod.PCAP);
            assertThat(first.getMssSent()).isEqualTo(1460);
            assertThat(first.getMssReceived()).isEqualTo(lab.truth().serverMss(Family.V4));
            assertThat(first.getLocalMtu()).isEqualTo(1500);
            assertThat(first.getKernelPmtu()).isEqualTo(1500);
            HandshakeObservation second = handshakes.get(1);
            assertThat(second.getKernelPmtu()).isEqualTo(1400);
            assertThat(second.getMssSent()).isEqualTo(1360);

            List<HopObservation> hops = read(kafka, hopTopic, 1).stream()
                    .map(r -> AvroSerdes.deserializer(HopObservation.class).deserialize(r.topic(), r.value()))
                    .filter(h -> h.getRunId().equals(first.getRunId()))
                    .sorted(Comparator.comparingInt(HopObservation::getSequence)).toList();
            assertThat(hops).isNotEmpty();
            assertThat(hops).allSatisfy(h -> assertThat(h.getPathId()).isEqualTo(first.getPathId()));
            assertThat(hops).anySatisfy(h -> {
                assertThat(h.getOutcome()).isEqualTo(HopOutcome.PACKET_TOO_BIG);
                assertThat(h.getReportedMtu()).isEqualTo(1400);
            });
            assertThat(hops.get(hops.size() - 1).getLastInRun()).isTrue();
            assertThat(hops).anySatisfy(h -> assertThat(h.getOutcome()).isEqualTo(HopOutcome.DESTINATION_REACHED));
        }
    }

    private static int runOnce(Map<String, String> env) {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new RunCommand(env, new TracerPathProber(TraceSettings.defaults()),
                NamespaceRunner.LINUX));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute("--once");
        assertThat(err.toString()).isEmpty();
        return exit;
    }

    /** Everything in the topic: at least {@code min} records, then until the topic is quiet. */
    private static List<ConsumerRecord<String, byte[]>> read(KafkaHarness kafka, String topic, int min) {
        Map<String, Object> props = new HashMap<>(kafka.clientConfig());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "lab-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                int before = records.size();
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
                if (records.size() >= min && records.size() == before) {
                    break;
                }
            }
        }
        records.sort(Comparator.comparingLong(ConsumerRecord::offset));
        return records;
    }
}
