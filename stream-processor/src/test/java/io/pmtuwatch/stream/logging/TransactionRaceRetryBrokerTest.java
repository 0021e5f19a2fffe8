package io.pmtuwatch.stream.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.pmtuwatch.embedded.KafkaHarness;
import io.pmtuwatch.stream.metrics.ProducerRetries;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The race behind the producer's CONCURRENT_TRANSACTIONS retries, made to happen on purpose: a broker whose
 * partition leaders pass the coordinator's CONCURRENT_TRANSACTIONS on at once
 * ({@code add.partitions.to.txn.retry.backoff.max.ms} 0, where a stock broker keeps asking for 100 ms), and a
 * transactional producer that starts each transaction's sends right after the previous commit, as a stream
 * thread does. Kafka's own warnings for those retries reach a plain appender; the filter keeps them from its
 * appender and counts each one; every record is read committed exactly once.
 */
class TransactionRaceRetryBrokerTest {

    private static final String TOPIC = "txn-race";
    private static final int PARTITIONS = 4;

    private static KafkaHarness.Dedicated broker;

    @BeforeAll
    static void startBroker() {
        broker = KafkaHarness.startWith("kafka-txn-race", Map.of("add.partitions.to.txn.retry.backoff.max.ms", "0"));
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void retriesOfATransactionsFirstSendsAreCountedInsteadOfLoggedAndNothingIsLostOrDoubled() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            // The harness formats its brokers as kafka-storage does: transaction.version 2, where the race is.
            assertThat(admin.describeFeatures().featureMetadata().get().finalizedFeatures().get("transaction.version")
                    .maxVersionLevel()).isEqualTo((short) 2);
            admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1))).all().get();
        }
        Logger sender = (Logger) LoggerFactory.getLogger(TransactionRaceRetryFilter.SENDER_LOGGER);
        ListAppender<ILoggingEvent> everything = new ListAppender<>();
        ListAppender<ILoggingEvent> filtered = new ListAppender<>();
        filtered.addFilter(new TransactionRaceRetryFilter());
        everything.start();
        filtered.start();
        sender.addAppender(everything);
        sender.addAppender(filtered);
        Map<String, Long> countedBefore = ProducerRetries.byError();
        int sent = 0;
        try (KafkaProducer<String, String> producer = producer()) {
            producer.initTransactions();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            // Until the race has happened a few times (with this broker, within the first transactions).
            while (raceWarnings(everything) < 3 && System.nanoTime() < deadline) {
                producer.beginTransaction();
                for (int i = 0; i < 20; i++) {
                    producer.send(new ProducerRecord<>(TOPIC, i % PARTITIONS, "k", Integer.toString(sent++)));
                }
                producer.commitTransaction();
            }
        } finally {
            sender.detachAppender(everything);
            sender.detachAppender(filtered);
        }

        Map<String, Long> logged = byError(everything.list);
        assertThat(logged).as("Kafka's retry warnings for the race").containsKey("CONCURRENT_TRANSACTIONS");
        assertThat(byError(filtered.list)).as("left out by the filter")
                .doesNotContainKeys("CONCURRENT_TRANSACTIONS", "OUT_OF_ORDER_SEQUENCE_NUMBER");
        Map<String, Long> countedNow = ProducerRetries.byError();
        logged.forEach((error, times) -> assertThat(countedNow.getOrDefault(error, 0L) - countedBefore.getOrDefault(error, 0L))
                .as("counted " + error).isEqualTo(times));
        assertThat(filtered.list).as("other warnings still logged")
                .hasSize(everything.list.size() - (int) logged.values().stream().mapToLong(Long::longValue).sum());
        assertThat(readCommitted()).as("each record once").isEqualTo(sent);
    }

    private static long raceWarnings(ListAppender<ILoggingEvent> appender) {
        List<ILoggingEvent> events;
        synchronized (appender) { // the producer's I/O thread appends under the appender's lock
            events = new ArrayList<>(appender.list);
        }
        return byError(events).getOrDefault("CONCURRENT_TRANSACTIONS", 0L);
    }

    private static Map<String, Long> byError(List<ILoggingEvent> events) {
        Map<String, Long> out = new HashMap<>();
        for (ILoggingEvent event : events) {
            Optional<String> error = TransactionRaceRetryFilter.retriedError(event.getFormattedMessage());
            if (event.getLevel() == Level.WARN && error.isPresent()) {
                out.merge(error.get(), 1L, Long::sum);
            }
        }
        return out;
    }

    private static KafkaProducer<String, String> producer() {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "txn-race-" + System.nanoTime());
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    /** Distinct values a read_committed consumer reads; fails on a value read twice. */
    private static int readCommitted() {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Set<String> values = new HashSet<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                partitions.add(new TopicPartition(TOPIC, p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    assertThat(values.add(record.value())).as("read once: " + record.value()).isTrue();
                }
            }
        }
        return values.size();
    }
}
