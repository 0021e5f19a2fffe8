package io.pmtuwatch.probe.capture;

import io.pmtuwatch.schemas.serde.AvroSerdes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a topic of the test broker from the beginning, decoded, until enough records arrived or time is up. */
final class TopicRecords {

    private TopicRecords() {
    }

    static <T extends SpecificRecordBase> List<T> read(String bootstrap, String topic, Class<T> type, int atLeast,
            Duration timeout) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Deserializer<T> values = AvroSerdes.deserializer(type);
        List<T> records = new ArrayList<>();
        try (KafkaConsumer<String, T> consumer = new KafkaConsumer<>(props, new StringDeserializer(), values)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (records.size() < atLeast && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> records.add(r.value()));
            }
        }
        return records;
    }
}
