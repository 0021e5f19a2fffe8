package io.pmtuwatch.stream.topology.internals;

import io.pmtuwatch.stream.deadletter.DeadLetterReason;
import io.pmtuwatch.stream.metrics.OutputFailures;
import io.pmtuwatch.stream.metrics.PipelineMetrics;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import java.util.Optional;

/**
 * First step after decoding: counts the observation and lets only valid ones through: plausible
 * values ({@link ObservationValidator}) and a timestamp near the processor's clock ({@link EventTimeCheck}).
 */
public final class ValidatingProcessor implements Processor<String, Object, String, Object> {

    private final PipelineMetrics metrics;
    private final EventTimeCheck eventTime;
    private ProcessorContext<String, Object> context;

    public ValidatingProcessor(PipelineMetrics metrics, EventTimeCheck eventTime) {
        this.metrics = metrics;
        this.eventTime = eventTime;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, Object> record) {
        metrics.increment(PipelineMetrics.Counter.OBSERVATIONS_IN);
        Object observation = Received.valueOf(record.value());
        Optional<Violation> violation = refusedBefore()
                .or(() -> ObservationValidator.validate(record.key(), observation))
                .or(() -> eventTime.check(observation, context.currentSystemTimeMs()));
        if (violation.isPresent()) {
            if (violation.get().reason() == DeadLetterReason.EVENT_TIME_IN_FUTURE
                    || violation.get().reason() == DeadLetterReason.EVENT_TIME_TOO_OLD) {
                metrics.increment(PipelineMetrics.Counter.RECORDS_REJECTED_FOR_TIME);
            }
            throw new InvalidObservationException(violation.get());
        }
        context.forward(record);
    }

    // A record whose outputs the broker refused again and again is set aside, not processed once more.
    private Optional<Violation> refusedBefore() {
        return context.recordMetadata().flatMap(source -> {
            String lastError = metrics.outputFailures().exhausted(source.topic(), source.partition(), source.offset());
            if (lastError == null) {
                return Optional.empty();
            }
            metrics.outputFailures().forget(source.topic(), source.partition(), source.offset());
            return Optional.of(new Violation(DeadLetterReason.OUTPUT_REJECTED, "the broker refused this record's output "
                    + OutputFailures.MAX_ATTEMPTS + " times, last: " + lastError));
        });
    }
}
