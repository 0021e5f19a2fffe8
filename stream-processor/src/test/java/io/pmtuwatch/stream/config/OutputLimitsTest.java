package io.pmtuwatch.stream.config;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** How the broker stores an output topic's batches: a topic's own compression.type, else the producer's. */
class OutputLimitsTest {

    @Test
    void aTopicsOwnCompressionTypeOverridesTheProducersAndProducerOrUnknownKeepsIt() {
        OutputLimits limits = new OutputLimits(OutputLimits.DEFAULT_MAX_REQUEST_SIZE, "lz4");
        limits.updateCompressions(Map.of(
                "plain", new OutputLimits.Codec("uncompressed", null),
                "kept", new OutputLimits.Codec("producer", null),
                "own", new OutputLimits.Codec("zstd", 7)));

        assertThat(limits.storedCompression("plain")).isEqualTo(OutputLimits.Codec.NONE);
        assertThat(limits.storedCompression("kept")).isEqualTo(new OutputLimits.Codec("lz4", null));
        assertThat(limits.storedCompression("own")).isEqualTo(new OutputLimits.Codec("zstd", 7));
        assertThat(limits.storedCompression("never-read")).isEqualTo(new OutputLimits.Codec("lz4", null));

        limits.updateCompressions(Map.of("own", new OutputLimits.Codec("producer", null)));
        assertThat(limits.storedCompression("own")).as("changed by an operator").isEqualTo(new OutputLimits.Codec("lz4", null));
        assertThat(limits.storedCompression("plain")).as("kept").isEqualTo(OutputLimits.Codec.NONE);
    }
}
