package io.pmtuwatch.probe.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.pmtuwatch.probe.handshake.HandshakeProber;
import io.pmtuwatch.probe.handshake.HandshakeSettings;
import io.pmtuwatch.probe.kafka.KafkaObservationPublisher;
import io.pmtuwatch.schemas.Agent;
import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.HandshakeOutcome;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.Transport;
import io.pmtuwatch.schemas.serde.AvroSerdes;
import io.pmtuwatch.embedded.KafkaHarness;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A probe run against a real listener, published to the real in-process broker and read back:
 * same keys, same values, handshake included.
 */
class ProbeRunnerKafkaTest {

    @Test
    void aRunsObservationsArriveDecodedAndKeyedByPathId() throws Exception {
        KafkaHarness kafka = KafkaHarness.shared();
        String suffix = UUID.randomUUID().toString();
        String hopTopic = "pmtu.hop-observations." + suffix;
        String handshakeTopic = "pmtu.handshake-observations." + suffix;
        kafka.createTopic(hopTopic, 3);
        kafka.createTopic(handshakeTopic, 3);
        Agent agent = Agent.newBuilder().setId("it-agent").setName("it").setLocation("lab").build();
        FakeTracer tracer = new FakeTracer(4);

        RunSummary summary;
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             KafkaObservationPublisher publisher = KafkaObservationPublisher.create(kafka.bootstrapServers(),
                     "it-agent", hopTopic, handshakeTopic)) {
            ProbeRunner runner = new ProbeRunner(agent, new HandshakeProber(HandshakeSettings.DEFAULT), tracer,
                    publisher, TargetAddressResolver.SYSTEM, NamespaceRunner.LINUX);
            TargetSpec target = new TargetSpec("127.0.0.1", listener.getLocalPort(), Transport.TCP,
                    IpPreference.V4, Duration.ofSeconds(60), null, 1);
            summary = runner.runOnce(target);
            summary.delivered().get(30, TimeUnit.SECONDS);
        }

        String pathId = "it-agent|127.0.0.1|tcp|" + summary.target().port() + "|v4";
        assertThat(summary.observations().pathId()).isEqualTo(pathId);
        List<ConsumerRecord<String, byte[]>> handshakes =
                KafkaRecords.read(kafka.bootstrapServers(), handshakeTopic, 1, Duration.ofSeconds(30));
        List<ConsumerRecord<String, byte[]>> hops =
                KafkaRecords.read(kafka.bootstrapServers(), hopTopic, 4, Duration.ofSeconds(30));

        assertThat(handshakes).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo(pathId);
            HandshakeObservation h = AvroSerdes.deserializer(HandshakeObservation.class).deserialize(r.topic(), r.value());
            assertThat(h).isEqualTo(summary.observations().handshake());
            assertThat(h.getOutcome()).isEqualTo(HandshakeOutcome.ESTABLISHED);
            assertThat(h.getMssSent()).isNotNull();
            assertThat(h.getRunId()).isEqualTo(summary.observations().runId());
        });
        assertThat(hops).hasSize(4).allSatisfy(r -> assertThat(r.key()).isEqualTo(pathId));
        assertThat(hops).extracting(ConsumerRecord::partition).containsOnly(hops.get(0).partition());
        List<HopObservation> decoded = hops.stream().sorted(Comparator.comparingLong(ConsumerRecord::offset))
                .map(r -> AvroSerdes.deserializer(HopObservation.class).deserialize(r.topic(), r.value())).toList();
        assertThat(decoded).containsExactlyElementsOf(tracer.returned.peek());
        assertThat(decoded.get(3).getLastInRun()).isTrue();
    }
}
