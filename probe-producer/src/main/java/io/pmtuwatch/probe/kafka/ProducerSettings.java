package io.pmtuwatch.probe.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The producer configuration of the agent. Pure. */
public final class ProducerSettings {

    private ProducerSettings() {
    }

    public static Map<String, Object> of(String bootstrapServers, String clientId) {
        return of(bootstrapServers, Map.of(), clientId);
    }

    /**
     * @param clientConfig a deployment's own client settings (security, tuning) from a
     *                     {@link io.pmtuwatch.schemas.client.KafkaClientConfigFile}, which has refused
     *                     the ones set here for correctness; they override the tuning below
     */
    public static Map<String, Object> of(String bootstrapServers, Map<String, String> clientConfig, String clientId) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        // No loss, no duplicates from retries: the stream processor counts a run's records.
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        // A run's records go out together; a few milliseconds of lingering batches them.
        props.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        // send() blocks while the broker is unknown; bound it so a Kafka outage cannot stall the
        // workers for a minute per run (the failed run is logged, the next one tries again).
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.putAll(clientConfig);
        return props;
    }
}
