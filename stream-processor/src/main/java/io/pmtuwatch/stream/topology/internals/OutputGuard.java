package io.pmtuwatch.stream.topology.internals;

import io.pmtuwatch.stream.deadletter.DeadLetterReason;
import io.pmtuwatch.stream.metrics.OutputFailures;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Last step before an output topic. An output made by a punctuation (a run closed by its timeout,
 * ageing) has no source record to dead-letter when the broker refuses it for good, and under
 * exactly-once the aborted transaction brings the same punctuation back with the same output:
 * without this guard the task would retry it forever. Once {@link OutputFailures#MAX_ATTEMPTS}
 * refusals are recorded for this topic and key, the record is not sent but handed to the dead-letter
 * path (OUTPUT_REJECTED, the topic and key in the message), and the task goes on.
 */
public final class OutputGuard<V> implements FixedKeyProcessor<String, V, V> {

    private final OutputFailures failures;
    private final String outputTopic;
    private FixedKeyProcessorContext<String, V> context;

    public OutputGuard(OutputFailures failures, String outputTopic) {
        this.failures = failures;
        this.outputTopic = outputTopic;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, V> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, V> record) {
        String lastError = failures.takeExhaustedOutput(outputTopic, record.key());
        if (lastError != null) {
            throw new InvalidObservationException(new Violation(DeadLetterReason.OUTPUT_REJECTED, "the broker refused the "
                    + outputTopic + " record of " + record.key() + " " + OutputFailures.MAX_ATTEMPTS + " times, last: "
                    + lastError + "; it is dropped"));
        }
        context.forward(record);
    }
}
