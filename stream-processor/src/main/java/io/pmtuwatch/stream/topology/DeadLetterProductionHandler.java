package io.pmtuwatch.stream.topology;

import io.pmtuwatch.stream.metrics.PipelineMetrics;
import io.pmtuwatch.stream.metrics.OutputFailures;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The broker refused an output record. A transient failure (broker unreachable, not enough
 * replicas) is retried: the task reprocesses from its last commit. A refusal for good (record too
 * large, timestamp out of the broker's range) is remembered for its source record, which is
 * dead-lettered as OUTPUT_REJECTED once refused {@link OutputFailures#MAX_ATTEMPTS} times; until
 * then the task's transaction aborts and it tries again. Never throws, never builds a record of its
 * own (Kafka Streams' default handler builds one from a context whose timestamp may be -1).
 */
public final class DeadLetterProductionHandler implements ProductionExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterProductionHandler.class);

    private PipelineMetrics metrics;

    @Override
    public void configure(Map<String, ?> configs) {
        this.metrics = PipelineMetrics.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
        try {
            if (exception instanceof RetriableException) {
                return Response.retry();
            }
            metrics.increment(PipelineMetrics.Counter.OUTPUTS_REFUSED);
            if (context.topic() == null || context.offset() < 0) {
                // A punctuation's output: no source record to set aside; the output guard drops it after a few.
                metrics.outputFailures().failedOutput(record.topic(), record.key() == null ? null
                        : new String(record.key(), StandardCharsets.UTF_8), exception.toString());
            } else {
                metrics.outputFailures().failed(context.topic(), context.partition(), context.offset(), exception.toString());
            }
            log.warn("The broker refused an output record for {} ({}), produced from {}-{}@{}; the source record is"
                            + " retried and dead-lettered as OUTPUT_REJECTED after {} refusals", record.topic(), exception,
                    context.topic(), context.partition(), context.offset(), OutputFailures.MAX_ATTEMPTS);
        } catch (RuntimeException handlerFailure) {
            log.error("Could not handle a refused output record", handlerFailure);
        }
        return Response.resume();
    }
}
