package io.pmtuwatch.stream.topology;

import io.pmtuwatch.stream.deadletter.DeadLetterReason;
import io.pmtuwatch.stream.deadletter.DeadLetterHeaders;

import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.serde.AvroSerdes;
import io.pmtuwatch.stream.metrics.PipelineMetrics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchException;

/** The records the deserialization handler hands to Kafka Streams' dead-letter queue, for each decode failure. */
class DeadLetterDeserializationHandlerTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.pmtuwatch.stream.topology.DeadLetterTest#undecodable")
    void eachDecodeFailureBecomesADeadLetterWithItsReasonAndSource(String what, DeadLetterReason reason, byte[] bytes) {
        Exception failure = catchException(() -> AvroSerdes.deserializer(HopObservation.class).deserialize("hops", bytes));
        PipelineMetrics metrics = new PipelineMetrics();
        DeadLetterDeserializationHandler handler = new DeadLetterDeserializationHandler();
        handler.configure(Map.of(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "dlq", PipelineMetrics.CONFIG_KEY, metrics));
        byte[] key = "path-1".getBytes(StandardCharsets.UTF_8);
        ConsumerRecord<byte[], byte[]> source = new ConsumerRecord<>("hops", 3, 42L, key, bytes);

        DeserializationExceptionHandler.Response response = handler.handleError(context("hops", 3, 42L), source, failure);

        assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).hasSize(1);
        ProducerRecord<byte[], byte[]> dead = response.deadLetterQueueRecords().get(0);
        assertThat(dead.topic()).isEqualTo("dlq");
        assertThat(dead.key()).isEqualTo(key);
        assertThat(dead.value()).isEqualTo(bytes);
        assertThat(header(dead, DeadLetterHeaders.REASON)).isEqualTo(reason.name());
        assertThat(header(dead, DeadLetterHeaders.TOPIC)).isEqualTo("hops");
        assertThat(header(dead, DeadLetterHeaders.PARTITION)).isEqualTo("3");
        assertThat(header(dead, DeadLetterHeaders.OFFSET)).isEqualTo("42");
        assertThat(header(dead, DeadLetterHeaders.MESSAGE)).contains("Cannot decode a HopObservation");
        assertThat(metrics.deadLettersByReason()).containsEntry(reason.name(), 1L);
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static ErrorHandlerContext context(String topic, int partition, long offset) {
        return new ErrorHandlerContext() {
            public String topic() {
                return topic;
            }

            public int partition() {
                return partition;
            }

            public long offset() {
                return offset;
            }

            public Headers headers() {
                return new RecordHeaders();
            }

            public String processorNodeId() {
                return "hop-observations";
            }

            public TaskId taskId() {
                return new TaskId(0, partition);
            }

            public long timestamp() {
                return 1L;
            }

            public byte[] sourceRawKey() {
                return null;
            }

            public byte[] sourceRawValue() {
                return null;
            }
        };
    }
}
