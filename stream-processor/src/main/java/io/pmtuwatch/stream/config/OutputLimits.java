package io.pmtuwatch.stream.config;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The sizes an output record may have: each output topic's {@code max.message.bytes} as the broker
 * reports it (the topic's own value or the broker's {@code message.max.bytes}), and the producer's
 * {@code max.request.size} and compression. Read from the broker at start-up and refreshed now and
 * then by the processor; a topic whose limit could not be read has none here (the broker's refusal,
 * handled after the fact, is then the only check).
 */
public final class OutputLimits {

    /** Kafka's producer default for {@code max.request.size}. */
    public static final int DEFAULT_MAX_REQUEST_SIZE = 1_048_576;

    private final int maxRequestSize;
    private final String compression;
    private volatile Map<String, Integer> topicLimits = Map.of();

    public OutputLimits(int maxRequestSize, String compression) {
        this.maxRequestSize = maxRequestSize;
        this.compression = compression;
    }

    /** No topic limit known, the producer's defaults: for topologies run without a broker (tests). */
    public static OutputLimits producerDefaults() {
        return new OutputLimits(DEFAULT_MAX_REQUEST_SIZE, "none");
    }

    /** Replaces the known topic limits (the others are kept: a failed read of one topic does not forget it). */
    public void update(Map<String, Integer> limits) {
        Map<String, Integer> next = new HashMap<>(topicLimits);
        next.putAll(limits);
        topicLimits = Map.copyOf(next);
    }

    /** The topic's {@code max.message.bytes}, if known. */
    public OptionalInt topicLimit(String topic) {
        Integer limit = topicLimits.get(topic);
        return limit == null ? OptionalInt.empty() : OptionalInt.of(limit);
    }

    public int maxRequestSize() {
        return maxRequestSize;
    }

    /** The producer's {@code compression.type} ({@code none}, {@code lz4}, ...). */
    public String compression() {
        return compression;
    }

    @Override
    public String toString() {
        return "max.request.size " + maxRequestSize + ", compression " + compression + ", max.message.bytes " + topicLimits;
    }
}
