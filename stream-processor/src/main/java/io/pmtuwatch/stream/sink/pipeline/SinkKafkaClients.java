package io.pmtuwatch.stream.sink.pipeline;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.util.HashMap;
import java.util.Map;

/** The sink's Kafka clients, configured for at-least-once with manual commits. */
public final class SinkKafkaClients {

    private SinkKafkaClients() {
    }

    /**
     * Raw bytes in: decoding happens in the sink so a bad record becomes a dead letter. Offsets are
     * committed by the sink only; read_committed skips aborted transactions of the exactly-once topology.
     */
    public static KafkaConsumer<byte[], byte[]> consumer(Map<String, Object> base, String groupId) {
        Map<String, Object> props = new HashMap<>(base);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Dead letters must not be lost or doubled by producer retries. */
    public static KafkaProducer<byte[], byte[]> deadLetterProducer(Map<String, Object> base) {
        Map<String, Object> props = new HashMap<>(base);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    public static Map<String, Object> bootstrap(String bootstrapServers) {
        return base(bootstrapServers, Map.of());
    }

    /** @param clientConfig a deployment's client settings (security, tuning) from a client config file */
    public static Map<String, Object> base(String bootstrapServers, Map<String, String> clientConfig) {
        Map<String, Object> props = new HashMap<>(clientConfig);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return Map.copyOf(props);
    }
}
