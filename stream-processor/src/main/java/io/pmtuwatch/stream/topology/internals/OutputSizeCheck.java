package io.pmtuwatch.stream.topology.internals;

import io.pmtuwatch.stream.config.OutputLimits;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.record.internal.AbstractRecords;
import org.apache.kafka.common.record.internal.CompressionType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.record.internal.SimpleRecord;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * Whether the producer or the broker would refuse an output record for its size. Under exactly-once a
 * refused send poisons the whole transaction (Kafka Streams then reports the same error for the
 * transaction's other sends, changelogs and dead letters included), so an oversized record must never
 * be sent: it is refused here, before the send.
 *
 * <p>The producer refuses a record whose uncompressed size, as a batch of its own, exceeds
 * {@code max.request.size}; the broker refuses a batch larger than the topic's {@code max.message.bytes}
 * after compression. Both are computed as Kafka does (its record format classes): the producer's upper
 * bound first, cheap; the exact batch (compressed, if so configured) only when that bound is over the
 * topic's limit, which is rare and costs one encoding.
 */
public final class OutputSizeCheck {

    private final OutputLimits limits;
    private final Compression compression;
    private final boolean compressed;

    public OutputSizeCheck(OutputLimits limits) {
        this.limits = limits;
        this.compression = Compression.of(limits.compression()).build();
        this.compressed = compression.type() != CompressionType.NONE;
    }

    /** Why the record would be refused, or empty when it fits. */
    public Optional<String> refusal(String topic, byte[] key, byte[] value, Headers headers) {
        Header[] headerArray = headers.toArray();
        int size = producerSize(key, value, headerArray);
        if (size > limits.maxRequestSize()) {
            return Optional.of(size + " bytes, above the producer's max.request.size of " + limits.maxRequestSize());
        }
        OptionalInt topicLimit = limits.topicLimit(topic);
        if (topicLimit.isEmpty() || size <= topicLimit.getAsInt()) {
            return Optional.empty();
        }
        int batch = brokerSize(key, value, headerArray); // exact, where the upper bound is not enough
        if (batch <= topicLimit.getAsInt()) {
            return Optional.empty();
        }
        return Optional.of(batch + " bytes" + (compressed ? " (" + limits.compression() + ")" : "")
                + ", above the topic's max.message.bytes of " + topicLimit.getAsInt());
    }

    /** What the producer compares with {@code max.request.size}: the uncompressed size, alone in a batch. */
    public int producerSize(byte[] key, byte[] value, Header[] headers) {
        return AbstractRecords.estimateSizeInBytesUpperBound(RecordBatch.CURRENT_MAGIC_VALUE, compression.type(), key, value,
                headers);
    }

    /** What the broker compares with {@code max.message.bytes}: the record alone in a batch, compressed as the producer does. */
    public int brokerSize(byte[] key, byte[] value, Header[] headers) {
        return MemoryRecords.withRecords(compression, new SimpleRecord(System.currentTimeMillis(), key, value, headers))
                .sizeInBytes();
    }
}
