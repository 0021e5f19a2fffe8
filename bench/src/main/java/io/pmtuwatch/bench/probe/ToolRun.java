package io.pmtuwatch.bench.probe;

/** One run of one tool: packets it sent (counted by the agent namespace's firewall), wall time, PMTU it reported. */
record ToolRun(long probes, double wallMillis, Integer pmtu) {
}
