package io.pmtuwatch.stream.topology.internals;

import io.pmtuwatch.stream.deadletter.DeadLetterReason;
import io.pmtuwatch.stream.metrics.OutputFailures;
import io.pmtuwatch.stream.metrics.PipelineMetrics;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Last step before an output topic: serializes the record and refuses it when the producer or the
 * broker would refuse it for its size ({@link OutputSizeCheck}). Under exactly-once a refused send
 * poisons the whole transaction, so an oversized record is never sent: it is handed to the dead-letter
 * path (OUTPUT_REJECTED, the topic, key and sizes in the message; the source record's bytes when there
 * is one, a record closed by a punctuation has none) and the task goes on.
 *
 * <p>Last resort, for a refusal this check cannot foresee (the topic's limit lowered since it was read):
 * the production handler counts refusals; an output of a punctuation has no source record to
 * dead-letter, and under exactly-once the aborted transaction brings the same punctuation back with the
 * same output, so once {@link OutputFailures#MAX_ATTEMPTS} refusals are recorded for this topic and key
 * the record is not sent but dead-lettered in the same way.
 *
 * <p>It forwards the bytes to send ({@link #bytes}) or, where later steps go on from what was sent,
 * the value with them ({@link #keepingValue}): a refused record then reaches none of those steps.
 */
public final class OutputGuard<V, R> implements FixedKeyProcessor<String, V, R> {

    private final OutputFailures failures;
    private final OutputSizeCheck sizes;
    private final PipelineMetrics metrics;
    private final String outputTopic;
    private final Serializer<V> serializer;
    private final BiFunction<V, byte[], R> passed;
    private FixedKeyProcessorContext<String, R> context;

    private OutputGuard(PipelineMetrics metrics, OutputSizeCheck sizes, String outputTopic, Serializer<V> serializer,
                        BiFunction<V, byte[], R> passed) {
        this.failures = metrics.outputFailures();
        this.metrics = metrics;
        this.sizes = sizes;
        this.outputTopic = outputTopic;
        this.serializer = serializer;
        this.passed = passed;
    }

    /** A guard that forwards the bytes to send. */
    public static <V> OutputGuard<V, byte[]> bytes(PipelineMetrics metrics, OutputSizeCheck sizes, String outputTopic,
                                                   Serializer<V> serializer) {
        return new OutputGuard<>(metrics, sizes, outputTopic, serializer, (value, bytes) -> bytes);
    }

    /** A guard that forwards the value with the bytes to send. */
    public static <V> OutputGuard<V, CheckedOutput<V>> keepingValue(PipelineMetrics metrics, OutputSizeCheck sizes,
                                                                    String outputTopic, Serializer<V> serializer) {
        return new OutputGuard<>(metrics, sizes, outputTopic, serializer, CheckedOutput::new);
    }

    @Override
    public void init(FixedKeyProcessorContext<String, R> context) {
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
        byte[] value = serializer.serialize(outputTopic, record.headers(), record.value());
        byte[] key = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
        Optional<String> tooLarge = sizes.refusal(outputTopic, key, value, record.headers());
        if (tooLarge.isPresent()) {
            metrics.increment(PipelineMetrics.Counter.OUTPUTS_TOO_LARGE);
            throw new InvalidObservationException(new Violation(DeadLetterReason.OUTPUT_REJECTED, "the " + outputTopic
                    + " record of " + record.key() + " is " + tooLarge.get() + ": it is not sent"));
        }
        context.forward(record.withValue(passed.apply(record.value(), value)));
    }
}
