package io.pmtuwatch.probe.agent;

import io.pmtuwatch.schemas.client.PrometheusText;

/**
 * The agent's run counters in the Prometheus text format, for its optional /metrics port: what the
 * status line says, undelivered runs (measured, never acknowledged by Kafka) among them. Counters start
 * from 0 when the agent starts.
 */
final class AgentMetrics {

    private AgentMetrics() {
    }

    static String prometheus(SchedulerStats stats) {
        PrometheusText out = new PrometheusText();
        out.counter("pmtu_agent_runs_started_total", "Runs handed to a worker.", stats.started());
        out.counter("pmtu_agent_runs_completed_total", "Runs measured.", stats.completed());
        out.counter("pmtu_agent_runs_failed_total", "Runs whose measurement failed.", stats.failed());
        out.counter("pmtu_agent_runs_undelivered_total",
                "Runs measured but not acknowledged by Kafka within the delivery timeout.", stats.undelivered());
        out.counter("pmtu_agent_runs_skipped_busy_total",
                "Due runs skipped because the target's previous run was still in flight.", stats.skippedBusy());
        return out.toString();
    }
}
