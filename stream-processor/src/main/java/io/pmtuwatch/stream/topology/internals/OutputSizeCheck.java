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
 * as it arrives (compressed as the producer does) and, when the topic has a compression of its own,
 * as it would store it (compressed again with the topic's codec). All are computed as Kafka does (its
 * record format classes): the producer's upper bound first, cheap; the exact batches only when that
 * bound is near or over the topic's limit, which is rare and costs an encoding each.
 */
public final class OutputSizeCheck {

    // A compressed batch of data that does not compress can be a little larger than the upper bound
    // (a codec's frame and block headers): within this margin of the limit the exact size is computed.
    private static final int CODEC_OVERHEAD = 64;

    private final OutputLimits limits;
    private final Compression compression;
    private final boolean compressed;

    public OutputSizeCheck(OutputLimits limits) {
        this.limits = limits;
        this.compression = compression(new OutputLimits.Codec(limits.compression(), null));
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
        OutputLimits.Codec stored = limits.storedCompression(topic);
        boolean recompressed = !stored.type().equals(compression.type().name);
        boolean anyCodec = compressed || (recompressed && !stored.type().equals(OutputLimits.Codec.NONE.type()));
        int margin = anyCodec ? CODEC_OVERHEAD + size / 1024 : 0;
        if (topicLimit.isEmpty() || size + margin <= topicLimit.getAsInt()) {
            return Optional.empty();
        }
        int limit = topicLimit.getAsInt();
        int batch = brokerSize(key, value, headerArray); // exact, where the upper bound is not enough
        if (batch > limit) {
            return Optional.of(batch + " bytes" + (compressed ? " (" + limits.compression() + ")" : "")
                    + ", above the topic's max.message.bytes of " + limit);
        }
        if (recompressed) {
            int kept = batchSize(compression(stored), key, value, headerArray);
            if (kept > limit) {
                return Optional.of(kept + " bytes as the topic stores it (its compression.type " + stored
                        + "), above its max.message.bytes of " + limit);
            }
        }
        return Optional.empty();
    }

    /** What the producer compares with {@code max.request.size}: the uncompressed size, alone in a batch. */
    public int producerSize(byte[] key, byte[] value, Header[] headers) {
        return AbstractRecords.estimateSizeInBytesUpperBound(RecordBatch.CURRENT_MAGIC_VALUE, compression.type(), key, value,
                headers);
    }

    /** What the broker compares with {@code max.message.bytes} first: the record alone in a batch, compressed as the producer does. */
    public int brokerSize(byte[] key, byte[] value, Header[] headers) {
        return batchSize(compression, key, value, headers);
    }

    /** What the broker stores for the record alone in a batch of {@code topic}: compressed again if the topic says so. */
    public int storedSize(String topic, byte[] key, byte[] value, Header[] headers) {
        return batchSize(compression(limits.storedCompression(topic)), key, value, headers);
    }

    private static int batchSize(Compression compression, byte[] key, byte[] value, Header[] headers) {
        return MemoryRecords.withRecords(compression, new SimpleRecord(System.currentTimeMillis(), key, value, headers))
                .sizeInBytes();
    }

    private static Compression compression(OutputLimits.Codec codec) {
        CompressionType type = CompressionType.forName(codec.type());
        if (codec.level() == null) {
            return Compression.of(type).build();
        }
        return switch (type) {
            case GZIP -> Compression.gzip().level(codec.level()).build();
            case LZ4 -> Compression.lz4().level(codec.level()).build();
            case ZSTD -> Compression.zstd().level(codec.level()).build();
            default -> Compression.of(type).build();
        };
    }
}
