package io.pmtuwatch.stream.config;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The sizes an output record may have: each output topic's {@code max.message.bytes} as the broker
 * reports it (the topic's own value or the broker's {@code message.max.bytes}), and the producer's
 * {@code max.request.size} and compression. Read from the broker at start-up and refreshed now and
 * then by the processor; a topic whose limit could not be read has none here (the broker's refusal,
 * handled after the fact, is then the only check). A topic's own {@code compression.type}, when it is
 * not {@code producer}, makes the broker compress each batch again before it stores it, and the
 * stored batch must fit too ({@link #storedCompression}).
 */
public final class OutputLimits {

    /** Kafka's producer default for {@code max.request.size}. */
    public static final int DEFAULT_MAX_REQUEST_SIZE = 1_048_576;

    private final int maxRequestSize;
    private final String compression;
    private volatile Map<String, Integer> topicLimits = Map.of();
    private volatile Map<String, Codec> topicCompressions = Map.of();

    /**
     * A {@code compression.type} as Kafka names it ({@code none}, {@code gzip}, {@code snappy},
     * {@code lz4}, {@code zstd}) and its level when one is set (null: the codec's default).
     */
    public record Codec(String type, Integer level) {
        public static final Codec NONE = new Codec("none", null);

        @Override
        public String toString() {
            return level == null ? type : type + " level " + level;
        }
    }

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

    /**
     * Replaces the known topics' own compression (the others are kept): {@code compression.type} as
     * the broker reports it ({@code producer}, {@code uncompressed} or a codec) with the topic's level
     * for that codec, if any.
     */
    public void updateCompressions(Map<String, Codec> compressions) {
        Map<String, Codec> next = new HashMap<>(topicCompressions);
        next.putAll(compressions);
        topicCompressions = Map.copyOf(next);
    }

    /**
     * How the broker stores a batch of {@code topic}: compressed again with the topic's own codec, or
     * as the producer sent it when the topic keeps the producer's ({@code producer}, its default) or
     * is not known. The broker takes a batch only if both what it receives and what it stores fit.
     */
    public Codec storedCompression(String topic) {
        Codec own = topicCompressions.get(topic);
        if (own == null || own.type().equals("producer")) {
            return new Codec(compression, null);
        }
        return own.type().equals("uncompressed") ? Codec.NONE : own;
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
        return "max.request.size " + maxRequestSize + ", compression " + compression + ", max.message.bytes " + topicLimits
                + (topicCompressions.isEmpty() ? "" : ", topics' compression.type " + topicCompressions);
    }
}
