package io.pmtuwatch.stream.it;

import io.pmtuwatch.embedded.KafkaHarness;
import io.pmtuwatch.stream.config.OutputLimits;
import io.pmtuwatch.stream.topology.internals.OutputSizeCheck;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The size check agrees with a real broker and producer to the byte: a record the check lets through
 * at a topic's {@code max.message.bytes} (or the producer's {@code max.request.size}) is taken, one
 * byte less and both the check and Kafka refuse it. With and without compression, the producer's and a
 * topic's own.
 */
class OutputSizeCheckBrokerTest {

    private static final byte[] KEY = "udp:10.62.0.1:33434|agent".getBytes(StandardCharsets.UTF_8);
    private static final Header[] HEADERS = {new RecordHeader("source", "hops".getBytes(StandardCharsets.UTF_8))};

    @ParameterizedTest
    @ValueSource(strings = {"none", "lz4", "zstd"})
    void theCheckRefusesExactlyWhatTheBrokerRefuses(String compression) throws Exception {
        KafkaHarness kafka = KafkaHarness.shared();
        byte[] value = value();
        OutputLimits limits = new OutputLimits(OutputLimits.DEFAULT_MAX_REQUEST_SIZE, compression);
        OutputSizeCheck check = new OutputSizeCheck(limits);
        int size = check.brokerSize(KEY, value, HEADERS);
        String suffix = compression + "-" + Long.toString(System.nanoTime(), 36);
        String fits = "fits." + suffix;
        String tooSmall = "too-small." + suffix;
        kafka.adminClient().createTopics(List.of(topic(fits, size), topic(tooSmall, size - 1))).all().get();
        limits.update(Map.of(fits, size, tooSmall, size - 1));

        assertThat(check.refusal(fits, KEY, value, new RecordHeaders(HEADERS))).isEmpty();
        assertThat(check.refusal(tooSmall, KEY, value, new RecordHeaders(HEADERS))).get().asString()
                .contains(size + " bytes").contains("max.message.bytes of " + (size - 1));
        try (KafkaProducer<byte[], byte[]> producer = producer(kafka, compression, OutputLimits.DEFAULT_MAX_REQUEST_SIZE)) {
            producer.send(record(fits, value)).get(30, TimeUnit.SECONDS);
            assertThatThrownBy(() -> producer.send(record(tooSmall, value)).get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(RecordTooLargeException.class);
        }
    }

    /**
     * A topic with a compression of its own: the broker compresses the batch again and refuses it when
     * either what it receives or what it would store is over the limit. With lz4 from the producer and
     * an uncompressed topic the stored batch is the larger: a check of what the producer sends alone
     * lets through a record the broker refuses.
     */
    @ParameterizedTest
    @CsvSource({"lz4, uncompressed", "none, lz4", "lz4, gzip", "zstd, producer"})
    void theCheckRefusesExactlyWhatTheBrokerRefusesWhenTheTopicHasItsOwnCompression(String producerCompression,
                                                                                    String topicCompression)
            throws Exception {
        KafkaHarness kafka = KafkaHarness.shared();
        byte[] value = value();
        OutputLimits limits = new OutputLimits(OutputLimits.DEFAULT_MAX_REQUEST_SIZE, producerCompression);
        OutputSizeCheck check = new OutputSizeCheck(limits);
        String suffix = producerCompression + "-" + topicCompression + "-" + Long.toString(System.nanoTime(), 36);
        String fits = "own-fits." + suffix;
        String tooSmall = "own-too-small." + suffix;
        OutputLimits.Codec codec = new OutputLimits.Codec(topicCompression, null);
        limits.updateCompressions(Map.of(fits, codec, tooSmall, codec));
        int sent = check.brokerSize(KEY, value, HEADERS);
        int stored = check.storedSize(fits, KEY, value, HEADERS);
        int size = Math.max(sent, stored);
        kafka.adminClient().createTopics(List.of(topic(fits, size, topicCompression),
                topic(tooSmall, size - 1, topicCompression))).all().get();
        limits.update(Map.of(fits, size, tooSmall, size - 1));

        assertThat(check.refusal(fits, KEY, value, new RecordHeaders(HEADERS))).isEmpty();
        assertThat(check.refusal(tooSmall, KEY, value, new RecordHeaders(HEADERS))).get().asString()
                .contains(size + " bytes").contains("max.message.bytes of " + (size - 1));
        try (KafkaProducer<byte[], byte[]> producer = producer(kafka, producerCompression,
                OutputLimits.DEFAULT_MAX_REQUEST_SIZE)) {
            producer.send(record(fits, value)).get(30, TimeUnit.SECONDS);
            assertThatThrownBy(() -> producer.send(record(tooSmall, value)).get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(RecordTooLargeException.class);
        }
        if (producerCompression.equals("lz4") && topicCompression.equals("uncompressed")) {
            assertThat(stored).as("the case the producer's size alone misses").isGreaterThan(sent);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "lz4"})
    void theCheckRefusesExactlyWhatTheProducerRefuses(String compression) throws Exception {
        KafkaHarness kafka = KafkaHarness.shared();
        byte[] value = value();
        int size = new OutputSizeCheck(OutputLimits.producerDefaults()).producerSize(KEY, value, HEADERS);
        String topic = "request-size." + compression + "-" + Long.toString(System.nanoTime(), 36);
        kafka.adminClient().createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();

        assertThat(new OutputSizeCheck(new OutputLimits(size, compression))
                .refusal(topic, KEY, value, new RecordHeaders(HEADERS))).isEmpty();
        assertThat(new OutputSizeCheck(new OutputLimits(size - 1, compression))
                .refusal(topic, KEY, value, new RecordHeaders(HEADERS))).get().asString().contains("max.request.size");
        try (KafkaProducer<byte[], byte[]> producer = producer(kafka, compression, size)) {
            producer.send(record(topic, value)).get(30, TimeUnit.SECONDS);
        }
        try (KafkaProducer<byte[], byte[]> producer = producer(kafka, compression, size - 1)) {
            assertThatThrownBy(() -> producer.send(record(topic, value)).get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(RecordTooLargeException.class);
        }
    }

    // Half random, half repetitive: compression shrinks it, but not to nothing.
    private static byte[] value() {
        byte[] value = new byte[6000];
        new Random(42).nextBytes(value);
        java.util.Arrays.fill(value, 3000, 6000, (byte) 'x');
        return value;
    }

    private static NewTopic topic(String name, int maxMessageBytes) {
        return new NewTopic(name, 1, (short) 1).configs(Map.of("max.message.bytes", Integer.toString(maxMessageBytes)));
    }

    private static NewTopic topic(String name, int maxMessageBytes, String compression) {
        return new NewTopic(name, 1, (short) 1).configs(Map.of("max.message.bytes", Integer.toString(maxMessageBytes),
                "compression.type", compression));
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, byte[] value) {
        return new ProducerRecord<>(topic, null, KEY, value, List.of(HEADERS));
    }

    private static KafkaProducer<byte[], byte[]> producer(KafkaHarness kafka, String compression, int maxRequestSize) {
        Properties props = new Properties();
        props.putAll(kafka.clientConfig());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, maxRequestSize);
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
