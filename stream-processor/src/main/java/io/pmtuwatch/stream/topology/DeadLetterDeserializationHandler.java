package io.pmtuwatch.stream.topology;

import io.pmtuwatch.stream.deadletter.DeadLetterReason;

import io.pmtuwatch.schemas.serde.RecordDecodeException;
import io.pmtuwatch.stream.metrics.PipelineMetrics;
import io.pmtuwatch.stream.topology.internals.DeadLetterLog;
import io.pmtuwatch.stream.topology.internals.DeadLetterRecords;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/**
 * A record that cannot be decoded goes to the dead-letter topic named by
 * {@code errors.dead.letter.queue.topic.name} (Kafka Streams' built-in dead-letter queue: the record
 * is produced in the task's transaction), with the decode reason in a header; processing resumes.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

    private String deadLetterTopic;
    private PipelineMetrics metrics;

    @Override
    public void configure(Map<String, ?> configs) {
        this.deadLetterTopic = DeadLetterTopicConfig.from(configs, "undecodable records");
        this.metrics = PipelineMetrics.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        try {
            DeadLetterReason reason = reasonOf(exception);
            DeadLetterLog.warn(metrics, reason, context.topic(), context.partition(), context.offset(), exception.getMessage());
            metrics.deadLetter(reason.name());
            return Response.resume(List.of(DeadLetterRecords.of(deadLetterTopic, context, record.key(), record.value(),
                    reason, exception)));
        } catch (RuntimeException handlerFailure) {
            // Never throw from here: it would stop the stream thread and replay this record forever.
            LoggerFactory.getLogger(DeadLetterDeserializationHandler.class).error(
                    "Could not dead-letter the record at {}-{}@{} ({}); it is skipped", context.topic(),
                    context.partition(), context.offset(), exception, handlerFailure);
            return Response.resume();
        }
    }

    static DeadLetterReason reasonOf(Exception exception) {
        if (exception instanceof RecordDecodeException decode && decode.reason() != null) {
            return switch (decode.reason()) {
                case BAD_HEADER -> DeadLetterReason.DECODE_BAD_HEADER;
                case UNKNOWN_SCHEMA -> DeadLetterReason.DECODE_UNKNOWN_SCHEMA;
                case MALFORMED_BODY -> DeadLetterReason.DECODE_MALFORMED_BODY;
                case WRONG_RECORD_TYPE -> DeadLetterReason.DECODE_WRONG_RECORD_TYPE;
            };
        }
        return DeadLetterReason.DECODE_FAILED;
    }
}
