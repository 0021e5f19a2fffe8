package io.pmtuwatch.probe.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.serde.AvroSerdes;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaObservationPublisherTest {

    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
    private final KafkaObservationPublisher publisher =
            new KafkaObservationPublisher(producer, "hops", "handshakes");

    @Test
    void handshakeFirstThenHopsAllKeyedByPathId() throws Exception {
        RunObservations run = Observations.run("192.0.2.7", "run-1", 3);

        CompletableFuture<Void> acked = publisher.publish(run);
        assertThat(acked).isNotDone();
        while (producer.completeNext()) {
            // acknowledge everything
        }
        acked.get();

        List<ProducerRecord<String, byte[]>> sent = producer.history();
        assertThat(sent).extracting(ProducerRecord::topic).containsExactly("handshakes", "hops", "hops", "hops");
        assertThat(sent).extracting(ProducerRecord::key).containsOnly(run.pathId());
        assertThat(AvroSerdes.deserializer(HandshakeObservation.class).deserialize("handshakes", sent.get(0).value()))
                .isEqualTo(run.handshake());
        assertThat(sent.subList(1, 4)).extracting(
                r -> AvroSerdes.deserializer(HopObservation.class).deserialize("hops", r.value()))
                .containsExactlyElementsOf(run.hops());
    }

    @Test
    void aFailedDeliveryFailsTheRunsFuture() {
        CompletableFuture<Void> acked = publisher.publish(Observations.run("192.0.2.7", "run-2", 1));
        producer.completeNext();
        producer.errorNext(new org.apache.kafka.common.errors.TimeoutException("broker gone"));

        assertThatThrownBy(acked::get).isInstanceOf(ExecutionException.class).hasMessageContaining("broker gone");
    }

    @Test
    void recordsOfAnotherPathAreRefused() {
        RunObservations a = Observations.run("192.0.2.7", "run-3", 1);
        RunObservations b = Observations.run("192.0.2.8", "run-3", 1);

        assertThatThrownBy(() -> new RunObservations(a.pathId(), "run-3", a.handshake(), b.hops()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("192.0.2.8");
    }

    @Test
    void producerIsIdempotentWithAcksAll() {
        var props = ProducerSettings.of("k:9092", "pmtu-agent-a");

        assertThat(props).containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "k:9092");
        assertThat((Integer) props.get(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION)).isLessThanOrEqualTo(5);
    }
}
