package io.pmtuwatch.stream.metrics;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * This instance's metrics as the query API serves them: the counters, plus gauges read from local
 * state when asked (open anomalies, paths, links), as JSON or in the Prometheus text format. The
 * producer's retries that the log leaves out ({@link ProducerRetries}) are the JVM's.
 */
public final class MetricsReport {

    private final PipelineMetrics counters;
    private final Supplier<Map<String, Long>> gauges;

    public MetricsReport(PipelineMetrics counters, Supplier<Map<String, Long>> gauges) {
        this.counters = counters;
        this.gauges = gauges;
    }

    public ObjectNode json() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        ObjectNode counts = node.putObject("counters");
        counters.snapshot().forEach((counter, value) -> counts.put(name(counter), value));
        ObjectNode reasons = node.putObject("deadLettersByReason");
        counters.deadLettersByReason().forEach(reasons::put);
        ObjectNode restored = node.putObject("stateRecordsRestoredByStore");
        counters.restoredByStore().forEach(restored::put);
        ObjectNode retries = node.putObject("producerRetriesByError");
        ProducerRetries.byError().forEach(retries::put);
        ObjectNode gaugeNode = node.putObject("gauges");
        safeGauges().forEach(gaugeNode::put);
        return node;
    }

    public String prometheus() {
        StringBuilder out = new StringBuilder();
        counters.snapshot().forEach((counter, value) -> {
            String metric = "pmtu_" + name(counter) + "_total";
            out.append("# TYPE ").append(metric).append(" counter\n").append(metric).append(' ').append(value).append('\n');
        });
        out.append("# TYPE pmtu_dead_letters_by_reason_total counter\n");
        counters.deadLettersByReason().forEach((reason, value) -> out.append("pmtu_dead_letters_by_reason_total{reason=\"")
                .append(reason).append("\"} ").append(value).append('\n'));
        out.append("# TYPE pmtu_state_records_restored_by_store_total counter\n");
        counters.restoredByStore().forEach((store, value) -> out.append("pmtu_state_records_restored_by_store_total{store=\"")
                .append(store).append("\"} ").append(value).append('\n'));
        out.append("# TYPE pmtu_producer_retries_total counter\n");
        ProducerRetries.byError().forEach((error, value) -> out.append("pmtu_producer_retries_total{error=\"")
                .append(error).append("\"} ").append(value).append('\n'));
        safeGauges().forEach((gauge, value) -> {
            String metric = "pmtu_" + gauge;
            out.append("# TYPE ").append(metric).append(" gauge\n").append(metric).append(' ').append(value).append('\n');
        });
        return out.toString();
    }

    // Gauges read state stores, which are briefly unavailable while rebalancing: counters still answer.
    private Map<String, Long> safeGauges() {
        try {
            return gauges.get();
        } catch (RuntimeException e) {
            return Map.of();
        }
    }

    private static String name(PipelineMetrics.Counter counter) {
        return counter.name().toLowerCase(Locale.ROOT);
    }
}
