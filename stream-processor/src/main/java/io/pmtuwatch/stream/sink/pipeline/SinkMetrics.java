package io.pmtuwatch.stream.sink.pipeline;

import java.util.Locale;

/**
 * The sink's figures in the Prometheus text format: what an operator alarms on (records behind, the
 * time of the last successful bulk, documents Elasticsearch could not take) and the running totals.
 * Counters start from 0 when the sink starts.
 */
public final class SinkMetrics {

    private SinkMetrics() {
    }

    public static String prometheus(SinkStats stats) {
        StringBuilder out = new StringBuilder();
        counter(out, "pmtu_sink_records_read_total", "Records read from Kafka.", stats.recordsRead());
        counter(out, "pmtu_sink_documents_stored_total", "Documents Elasticsearch stored.", stats.documentsStored());
        counter(out, "pmtu_sink_documents_superseded_total", "Documents not stored because a newer version was there.",
                stats.documentsSuperseded());
        counter(out, "pmtu_sink_documents_retried_total",
                "Documents Elasticsearch could not take now (down, 429, 5xx): failed bulk items, retried.", stats.retries());
        counter(out, "pmtu_sink_dead_letters_total", "Records sent to the dead-letter topic.", stats.deadLetters());
        counter(out, "pmtu_sink_commits_total", "Kafka offset commits.", stats.commits());
        gauge(out, "pmtu_sink_last_stored_timestamp_seconds",
                "When Elasticsearch last stored a document (the last successful bulk), Unix time; 0 before the first.",
                stats.lastStoredAtMillis() / 1000.0);
        gauge(out, "pmtu_sink_records_behind",
                "Records not yet read plus read but not yet stored (the sink's lag); -1 while unknown.", stats.recordsBehind());
        return out.toString();
    }

    private static void counter(StringBuilder out, String name, String help, long value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" counter\n").append(name).append(' ').append(value).append('\n');
    }

    private static void gauge(StringBuilder out, String name, String help, double value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" gauge\n").append(name).append(' ')
                .append(value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.3f", value))
                .append('\n');
    }
}
