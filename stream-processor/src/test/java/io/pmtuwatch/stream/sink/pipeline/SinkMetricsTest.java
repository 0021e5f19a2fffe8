package io.pmtuwatch.stream.sink.pipeline;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The sink's figures in the Prometheus text format: one TYPE per metric, times in seconds with milliseconds. */
class SinkMetricsTest {

    @Test
    void figuresAreWrittenInThePrometheusTextFormat() {
        SinkStats stats = new SinkStats();
        String before = SinkMetrics.prometheus(stats);
        assertThat(before).contains("pmtu_sink_last_stored_timestamp_seconds 0\n").contains("pmtu_sink_records_behind -1\n");

        stats.recordsRead.set(7);
        stats.documentsStored.set(12);
        stats.retries.set(3);
        stats.lastStoredAtMillis.set(1_765_063_200_123L);
        stats.recordsBehind.set(4);
        String text = SinkMetrics.prometheus(stats);
        assertThat(text).contains("# TYPE pmtu_sink_records_read_total counter\npmtu_sink_records_read_total 7\n")
                .contains("pmtu_sink_documents_stored_total 12\n").contains("pmtu_sink_documents_retried_total 3\n")
                .contains("# TYPE pmtu_sink_last_stored_timestamp_seconds gauge\n"
                        + "pmtu_sink_last_stored_timestamp_seconds 1765063200.123\n")
                .contains("pmtu_sink_records_behind 4\n");
        assertThat(text.lines().filter(l -> l.startsWith("# TYPE")).count())
                .isEqualTo(text.lines().filter(l -> !l.startsWith("#")).count());
    }
}
