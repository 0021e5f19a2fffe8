package io.pmtuwatch.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.FeatureMetadata;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.server.common.MetadataVersion;
import org.junit.jupiter.api.Test;

class KafkaHarnessTest {

    private final KafkaHarness kafka = KafkaHarness.shared();

    @Test
    void recordsGoThroughTheSharedBroker() throws Exception {
        kafka.createTopic("testsupport.plain", 2);
        kafka.createTopic("testsupport.plain", 2); // idempotent

        try (KafkaProducer<String, String> producer = producer(Map.of())) {
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>("testsupport.plain", "path-" + i, "hop-" + i)).get();
            }
        }

        assertThat(readAll("testsupport.plain", "read_uncommitted", 3))
                .containsExactlyInAnyOrder("hop-0", "hop-1", "hop-2");
    }

    @Test
    void theBrokerRunsTheFeatureLevelsOfAFreshlyFormattedKafka4Cluster() throws Exception {
        FeatureMetadata features = kafka.adminClient().describeFeatures().featureMetadata().get();
        Map<String, Short> finalized = new HashMap<>();
        features.finalizedFeatures().forEach((name, range) -> finalized.put(name, range.maxVersionLevel()));

        // Transactions version 2 (KIP-890) is what kafka-storage format gives a 4.x cluster; the test kit alone gave 0.
        assertThat(finalized).containsEntry("transaction.version", (short) 2);
        assertThat(finalized).containsAllEntriesOf(Map.of("group.version", (short) 1));
        assertThat(finalized).containsEntry("metadata.version", MetadataVersion.latestProduction().featureLevel());
    }

    @Test
    void committedTransactionsAreVisibleAndAbortedOnesAreNot() {
        kafka.createTopic("testsupport.transactional", 1);

        try (KafkaProducer<String, String> producer =
                     producer(Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "testsupport-tx"))) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("testsupport.transactional", "k", "aborted"));
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("testsupport.transactional", "k", "committed-1"));
            producer.send(new ProducerRecord<>("testsupport.transactional", "k", "committed-2"));
            producer.commitTransaction();
        }

        assertThat(readAll("testsupport.transactional", "read_committed", 2))
                .containsExactly("committed-1", "committed-2");
    }

    @Test
    void topicsAreListedByTheSharedAdminClient() throws Exception {
        kafka.createTopic("testsupport.listed", 1);
        try (var admin = kafka.adminClient()) { // closing the shared client must be harmless
            assertThat(admin.listTopics().names().get()).contains("testsupport.listed");
        }
        assertThat(kafka.adminClient().listTopics().names().get()).contains("testsupport.listed");
    }

    private KafkaProducer<String, String> producer(Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>(kafka.clientConfig());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.putAll(extra);
        return new KafkaProducer<>(config);
    }

    /** Reads the topic from the start until {@code expected} records arrived, or 30 s passed. */
    private List<String> readAll(String topic, String isolationLevel, int expected) {
        Map<String, Object> config = new HashMap<>(kafka.clientConfig());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "testsupport-" + topic + "-" + isolationLevel);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolationLevel);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(Set.of(topic));
            Instant deadline = Instant.now().plusSeconds(30);
            while (values.size() < expected && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
            // One more poll: a record beyond the expected ones (e.g. an aborted one) would show up here.
            consumer.poll(Duration.ofMillis(500)).forEach(record -> values.add(record.value()));
        }
        return values;
    }
}
