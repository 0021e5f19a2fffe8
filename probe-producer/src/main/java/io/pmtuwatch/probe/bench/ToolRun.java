package io.pmtuwatch.probe.bench;

/** One run of one tool: packets it sent (counted by the agent namespace's firewall), wall time, PMTU it reported. */
record ToolRun(long probes, double wallMillis, Integer pmtu) {
}
