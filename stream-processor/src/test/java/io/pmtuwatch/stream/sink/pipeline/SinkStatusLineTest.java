package io.pmtuwatch.stream.sink.pipeline;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class SinkStatusLineTest {

    private static final long SECOND = 1_000_000_000L;
    private static final Instant NOW = Instant.parse("2026-12-06T21:00:00Z");

    @Test
    void oneLinePerPeriodWithTheLagAndTheAgeOfTheLastStoredDocument() {
        SinkStats stats = new SinkStats();
        stats.documentsStored.set(42);
        stats.lastStoredAtMillis.set(NOW.minusSeconds(95).toEpochMilli());
        AtomicInteger lagAsked = new AtomicInteger();
        SinkStatusLine line = new SinkStatusLine(Duration.ofMinutes(1), 0);

        assertThat(line.tick(59 * SECOND, NOW, () -> {
            lagAsked.incrementAndGet();
            return 1234;
        }, stats)).isNull();
        assertThat(lagAsked).as("the lag is only computed when a line is due").hasValue(0);
        String first = line.tick(60 * SECOND, NOW, () -> 1234, stats);
        assertThat(first).startsWith("Sink status: 1234 records behind, last document stored 95 s ago (2026-12-06T20:58:25Z);")
                .contains("documents stored 42");
        assertThat(line.tick(100 * SECOND, NOW, () -> 0, stats)).isNull();
        assertThat(line.tick(120 * SECOND, NOW, () -> 0, stats)).isNotNull();
    }

    @Test
    void beforeTheFirstDocumentAndWithoutFetchMetadataItSaysSo() {
        assertThat(SinkStatusLine.format(NOW, -1, new SinkStats()))
                .startsWith("Sink status: lag unknown, last document stored none yet;");
    }
}
