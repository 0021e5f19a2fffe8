package io.pmtuwatch.stream.topology.internals;

import io.pmtuwatch.stream.metrics.PipelineMetrics;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import java.util.Optional;

/** First step after decoding: counts the observation and lets only valid ones through (see {@link ObservationValidator}). */
public final class ValidatingProcessor implements Processor<String, Object, String, Object> {

    private final PipelineMetrics metrics;
    private ProcessorContext<String, Object> context;

    public ValidatingProcessor(PipelineMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, Object> record) {
        metrics.increment(PipelineMetrics.Counter.OBSERVATIONS_IN);
        Optional<Violation> violation = ObservationValidator.validate(record.key(), record.value());
        if (violation.isPresent()) {
            throw new InvalidObservationException(violation.get());
        }
        context.forward(record);
    }
}
