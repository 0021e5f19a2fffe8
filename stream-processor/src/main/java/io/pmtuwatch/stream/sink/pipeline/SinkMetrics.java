package io.pmtuwatch.stream.sink.pipeline;

import io.pmtuwatch.schemas.client.PrometheusText;

/**
 * The sink's figures in the Prometheus text format: what an operator alarms on (records behind, the
 * time of the last successful bulk, documents Elasticsearch could not take) and the running totals.
 * Counters start from 0 when the sink starts.
 */
public final class SinkMetrics {

    private SinkMetrics() {
    }

    public static String prometheus(SinkStats stats) {
        PrometheusText out = new PrometheusText();
        out.counter("pmtu_sink_records_read_total", "Records read from Kafka.", stats.recordsRead());
        out.counter("pmtu_sink_documents_stored_total", "Documents Elasticsearch stored.", stats.documentsStored());
        out.counter("pmtu_sink_documents_superseded_total", "Documents not stored because a newer version was there.",
                stats.documentsSuperseded());
        out.counter("pmtu_sink_documents_retried_total",
                "Documents Elasticsearch could not take now (down, 429, 5xx): failed bulk items, retried.", stats.retries());
        out.counter("pmtu_sink_dead_letters_total", "Records sent to the dead-letter topic.", stats.deadLetters());
        out.counter("pmtu_sink_commits_total", "Kafka offset commits.", stats.commits());
        out.gauge("pmtu_sink_last_stored_timestamp_seconds",
                "When Elasticsearch last stored a document (the last successful bulk), Unix time; 0 before the first.",
                stats.lastStoredAtMillis() / 1000.0);
        out.gauge("pmtu_sink_records_behind",
                "Records not yet read plus read but not yet stored (the sink's lag); -1 while unknown.", stats.recordsBehind());
        return out.toString();
    }
}
