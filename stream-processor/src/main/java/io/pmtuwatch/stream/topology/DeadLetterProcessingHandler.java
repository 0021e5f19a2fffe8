package io.pmtuwatch.stream.topology;

import io.pmtuwatch.stream.deadletter.DeadLetterReason;

import io.pmtuwatch.stream.metrics.PipelineMetrics;
import io.pmtuwatch.stream.topology.internals.DeadLetterLog;
import io.pmtuwatch.stream.topology.internals.DeadLetterRecords;
import io.pmtuwatch.stream.topology.internals.InvalidObservationException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/**
 * Records that fail validation (see the validating processor) go to the dead-letter topic with the
 * source record's original bytes and the violation as reason. Any other processing failure is a bug:
 * the record goes there too, as PROCESSING_FAILED with its stack trace, and is logged as an error,
 * so one poison record cannot stop the pipeline and can be replayed once fixed.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);

    private String deadLetterTopic;
    private PipelineMetrics metrics;

    @Override
    public void configure(Map<String, ?> configs) {
        this.deadLetterTopic = DeadLetterTopicConfig.from(configs, "invalid records");
        this.metrics = PipelineMetrics.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        try {
            DeadLetterReason reason;
            if (exception instanceof InvalidObservationException invalid) {
                reason = invalid.violation().reason();
                DeadLetterLog.warn(metrics, reason, context.topic(), context.partition(), context.offset(),
                        invalid.violation().detail());
            } else {
                reason = DeadLetterReason.PROCESSING_FAILED;
                log.error("Processing failed in {} for the record at {}-{}@{}; it goes to the dead-letter topic",
                        context.processorNodeId(), context.topic(), context.partition(), context.offset(), exception);
            }
            metrics.deadLetter(reason.name());
            return Response.resume(List.of(DeadLetterRecords.of(deadLetterTopic, context, context.sourceRawKey(),
                    context.sourceRawValue(), reason, exception)));
        } catch (RuntimeException handlerFailure) {
            // Never throw from here: it would stop the stream thread and replay this record forever.
            log.error("Could not dead-letter the record at {}-{}@{} ({}); it is skipped", context.topic(),
                    context.partition(), context.offset(), exception, handlerFailure);
            return Response.resume();
        }
    }
}
