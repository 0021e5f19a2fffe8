package io.pmtuwatch.probe.kafka;

import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.serde.AvroSerdes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes observations to Kafka, keyed by path id, values in the schemas' wire format
 * ({@link AvroSerdes}). One idempotent producer for both topics (see {@link ProducerSettings}).
 * The handshake is sent before the hops, so within the path's partition it precedes the hop
 * marked lastInRun that makes the stream processor diagnose the run.
 */
public final class KafkaObservationPublisher implements ObservationPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaObservationPublisher.class);

    private final Producer<String, byte[]> producer;
    private final String hopTopic;
    private final String handshakeTopic;
    private final Serializer<HopObservation> hopSerializer = AvroSerdes.serializer(HopObservation.class);
    private final Serializer<HandshakeObservation> handshakeSerializer =
            AvroSerdes.serializer(HandshakeObservation.class);

    public KafkaObservationPublisher(Producer<String, byte[]> producer, String hopTopic, String handshakeTopic) {
        this.producer = producer;
        this.hopTopic = hopTopic;
        this.handshakeTopic = handshakeTopic;
    }

    public static KafkaObservationPublisher create(String bootstrapServers, String clientId, String hopTopic,
                                                  String handshakeTopic) {
        return create(bootstrapServers, Map.of(), clientId, hopTopic, handshakeTopic);
    }

    /** @param clientConfig extra client settings (security, tuning), see {@link ProducerSettings} */
    public static KafkaObservationPublisher create(String bootstrapServers, Map<String, String> clientConfig,
                                                  String clientId, String hopTopic, String handshakeTopic) {
        return create(bootstrapServers, clientConfig, clientId, hopTopic, handshakeTopic,
                ProducerSettings.DEFAULT_DELIVERY_TIMEOUT);
    }

    /** @param deliveryTimeout how long a run's records are retried, see {@link ProducerSettings} */
    public static KafkaObservationPublisher create(String bootstrapServers, Map<String, String> clientConfig,
                                                  String clientId, String hopTopic, String handshakeTopic,
                                                  Duration deliveryTimeout) {
        return new KafkaObservationPublisher(
                new KafkaProducer<>(ProducerSettings.of(bootstrapServers, clientConfig, clientId, deliveryTimeout)),
                hopTopic, handshakeTopic);
    }

    @Override
    public CompletableFuture<Void> publish(RunObservations run) {
        List<CompletableFuture<Void>> acks = new ArrayList<>(run.recordCount());
        if (run.handshake() != null) {
            acks.add(send(handshakeTopic, run.pathId(), handshakeSerializer.serialize(handshakeTopic, run.handshake()), null));
        }
        for (HopObservation hop : run.hops()) {
            // Once a send could not even be handed over (no metadata within the delivery timeout),
            // the rest of the run would wait as long again, each: the run is undelivered already.
            CompletableFuture<Void> refused = acks.stream().filter(CompletableFuture::isCompletedExceptionally)
                    .findFirst().orElse(null);
            acks.add(send(hopTopic, run.pathId(), hopSerializer.serialize(hopTopic, hop), refused));
        }
        return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).whenComplete((ok, error) -> {
            if (error != null) {
                LOG.warn("run {} of {}: not all {} records delivered: {}", run.runId(), run.pathId(),
                        run.recordCount(), DeliveryFailures.explain(error));
            }
        });
    }

    private CompletableFuture<Void> send(String topic, String key, byte[] value, CompletableFuture<Void> refusedBefore) {
        if (refusedBefore != null) {
            return refusedBefore;
        }
        CompletableFuture<Void> ack = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(topic, key, value), (metadata, error) -> {
                if (error == null) {
                    ack.complete(null);
                } else {
                    ack.completeExceptionally(error);
                }
            });
        } catch (RuntimeException e) {
            ack.completeExceptionally(e); // e.g. metadata not available within max.block.ms
        }
        return ack;
    }

    @Override
    public void close(Duration timeout) {
        producer.close(timeout); // flushes first
    }
}
