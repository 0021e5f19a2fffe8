package io.pmtuwatch.bench.stream;

import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.serde.AvroSerdes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Publishes a fleet's runs as agents would (idempotent, acks=all, key = path id), batched for volume. */
public final class FleetPublisher implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final String hopTopic;
    private final String handshakeTopic;
    private final Serializer<HopObservation> hops = AvroSerdes.serializer(HopObservation.class);
    private final Serializer<HandshakeObservation> handshakes = AvroSerdes.serializer(HandshakeObservation.class);

    public FleetPublisher(Map<String, Object> clientConfig, String hopTopic, String handshakeTopic) {
        Map<String, Object> props = new HashMap<>(clientConfig);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        this.hopTopic = hopTopic;
        this.handshakeTopic = handshakeTopic;
    }

    /** Paths {@code from} (inclusive) to {@code to} (exclusive) of one round; returns the observations sent. */
    public long publish(Fleet fleet, int from, int to, int round, Instant at) {
        long count = 0;
        for (int n = from; n < to; n++) {
            count += send(fleet.run(n, round, at));
        }
        return count;
    }

    public int send(Workload.Run run) {
        if (run.handshake() != null) {
            producer.send(new ProducerRecord<>(handshakeTopic, run.pathId(), handshakes.serialize(handshakeTopic, run.handshake())));
        }
        for (HopObservation hop : run.hops()) {
            producer.send(new ProducerRecord<>(hopTopic, run.pathId(), hops.serialize(hopTopic, hop)));
        }
        return run.observations();
    }

    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}
