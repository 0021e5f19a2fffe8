package io.pmtuwatch.stream.sink.pipeline;

import java.time.Duration;

/**
 * Tuning of the sink loop.
 *
 * @param batching        how the bulk ingester batches
 * @param backoff         delay between attempts of a document Elasticsearch did not take
 * @param maxOpenRecords  records read but not yet done before the consumer pauses (bounds memory while
 *                        Elasticsearch is away, and keeps the group membership alive by still polling)
 * @param pollTimeout     longest wait in poll; also how often results are processed when idle
 * @param commitInterval  how often finished offsets are committed
 * @param closeTimeout    how long close waits for documents in flight before giving up on them
 *                        (they are not committed, so they are read again next time)
 */
public record SinkSettings(BulkExporter.Batching batching, Backoff backoff, int maxOpenRecords,
                           Duration pollTimeout, Duration commitInterval, Duration closeTimeout) {

    public SinkSettings {
        if (maxOpenRecords < 1) {
            throw new IllegalArgumentException("maxOpenRecords must be at least 1, was " + maxOpenRecords);
        }
    }

    public static SinkSettings defaults() {
        return new SinkSettings(BulkExporter.Batching.defaults(),
                new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5)), 20_000,
                Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(30));
    }

    public SinkSettings withBackoff(Backoff value) {
        return new SinkSettings(batching, value, maxOpenRecords, pollTimeout, commitInterval, closeTimeout);
    }

    public SinkSettings withBatching(BulkExporter.Batching value) {
        return new SinkSettings(value, backoff, maxOpenRecords, pollTimeout, commitInterval, closeTimeout);
    }

    public SinkSettings withMaxOpenRecords(int value) {
        return new SinkSettings(batching, backoff, value, pollTimeout, commitInterval, closeTimeout);
    }
}
