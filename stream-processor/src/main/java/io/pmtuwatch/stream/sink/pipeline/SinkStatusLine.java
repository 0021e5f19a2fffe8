package io.pmtuwatch.stream.sink.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * The sink's periodic INFO line with what an operator alarms on: how many records it is behind
 * (not yet read, plus read but not yet in Elasticsearch) and when Elasticsearch last took a
 * document (the last successful bulk), with the running totals; for a sink run without its
 * optional /metrics port ({@link SinkMetrics}), log shippers turn this line into metrics. Called
 * from the sink's thread only; clocks are parameters.
 */
final class SinkStatusLine {

    private final long periodNanos;
    private long lastLineNanos;

    SinkStatusLine(Duration period, long nowNanos) {
        this.periodNanos = period.toNanos();
        this.lastLineNanos = nowNanos;
    }

    /** The line when one is due (the lag is only asked for then), else null. */
    String tick(long nowNanos, Instant now, LongSupplier recordsBehind, SinkStats stats) {
        if (nowNanos - lastLineNanos < periodNanos) {
            return null;
        }
        lastLineNanos = nowNanos;
        return format(now, recordsBehind.getAsLong(), stats);
    }

    static String format(Instant now, long recordsBehind, SinkStats stats) {
        long last = stats.lastStoredAtMillis();
        String lastBulk = last <= 0 ? "none yet"
                : Math.max(0, (now.toEpochMilli() - last) / 1000) + " s ago (" + Instant.ofEpochMilli(last) + ")";
        return "Sink status: " + (recordsBehind < 0 ? "lag unknown" : recordsBehind + " records behind")
                + ", last document stored " + lastBulk + "; " + stats;
    }
}
