package io.pmtuwatch.stream.it;

import io.pmtuwatch.embedded.KafkaHarness;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.serde.AvroSerdes;
import io.pmtuwatch.stream.config.TopicNames;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes hop observations as an agent does (keyed by path id, acks=all), flushed before it returns. */
final class HopPublisher {

    private HopPublisher() {
    }

    static void publish(KafkaHarness kafka, TopicNames topics, List<HopObservation> hops) {
        Properties props = new Properties();
        props.putAll(kafka.clientConfig());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            for (HopObservation hop : hops) {
                producer.send(new ProducerRecord<>(topics.hopObservations(), hop.getPathId(),
                        AvroSerdes.serializer(HopObservation.class).serialize(topics.hopObservations(), hop)));
            }
        }
    }
}
