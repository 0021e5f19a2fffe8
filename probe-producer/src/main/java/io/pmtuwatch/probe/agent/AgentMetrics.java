package io.pmtuwatch.probe.agent;

/**
 * The agent's run counters in the Prometheus text format, for its optional /metrics port: what the
 * status line says, undelivered runs (measured, never acknowledged by Kafka) among them. Counters start
 * from 0 when the agent starts.
 */
final class AgentMetrics {

    private AgentMetrics() {
    }

    static String prometheus(SchedulerStats stats) {
        StringBuilder out = new StringBuilder();
        counter(out, "pmtu_agent_runs_started_total", "Runs handed to a worker.", stats.started());
        counter(out, "pmtu_agent_runs_completed_total", "Runs measured.", stats.completed());
        counter(out, "pmtu_agent_runs_failed_total", "Runs whose measurement failed.", stats.failed());
        counter(out, "pmtu_agent_runs_undelivered_total",
                "Runs measured but not acknowledged by Kafka within the delivery timeout.", stats.undelivered());
        counter(out, "pmtu_agent_runs_skipped_busy_total",
                "Due runs skipped because the target's previous run was still in flight.", stats.skippedBusy());
        return out.toString();
    }

    private static void counter(StringBuilder out, String name, String help, long value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" counter\n").append(name).append(' ').append(value).append('\n');
    }
}
