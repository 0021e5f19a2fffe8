package io.pmtuwatch.schemas.client;

import java.util.Locale;

/**
 * Writes samples in the Prometheus text exposition format (version 0.0.4), each with its HELP and
 * TYPE lines: what {@link MetricsEndpoint} serves for the sink and the agent.
 */
public final class PrometheusText {

    private final StringBuilder out = new StringBuilder();

    public PrometheusText counter(String name, String help, long value) {
        header(name, help, "counter").append(name).append(' ').append(value).append('\n');
        return this;
    }

    /** Whole values are written without a fraction, others with three decimals. */
    public PrometheusText gauge(String name, String help, double value) {
        header(name, help, "gauge").append(name).append(' ')
                .append(value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.3f", value))
                .append('\n');
        return this;
    }

    private StringBuilder header(String name, String help, String type) {
        return out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
