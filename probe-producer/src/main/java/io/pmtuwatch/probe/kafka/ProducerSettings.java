package io.pmtuwatch.probe.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The producer configuration of the agent. Pure. */
public final class ProducerSettings {

    /** Survives a broker restart of a minute or two. */
    public static final Duration DEFAULT_DELIVERY_TIMEOUT = Duration.ofMinutes(2);

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
        return of(bootstrapServers, clientConfig, clientId, DEFAULT_DELIVERY_TIMEOUT);
    }

    /**
     * @param deliveryTimeout how long a record is retried (broker restart, leader election) before
     *                        its run counts as undelivered; also bounds the wait for metadata in send()
     */
    public static Map<String, Object> of(String bootstrapServers, Map<String, String> clientConfig, String clientId,
                                         Duration deliveryTimeout) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        // No loss, no duplicates from retries: the stream processor counts a run's records.
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        // A run's records go out together; a few milliseconds of lingering batches them.
        props.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        // A broker restart must not lose a run: records are retried for the delivery timeout, and
        // send() may wait as long for metadata (the publisher stops sending a run's remaining records
        // after one such wait fails, so a run blocks its worker once, not once per record).
        int deliveryMs = (int) Math.min(Integer.MAX_VALUE, deliveryTimeout.toMillis());
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, deliveryMs);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, deliveryMs);
        // delivery.timeout.ms must cover linger.ms + request.timeout.ms
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(30_000, deliveryMs / 2));
        // Reconnect attempts back off up to 10 s instead of 1 s during an outage.
        props.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 10_000);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.putAll(clientConfig);
        return props;
    }
}
