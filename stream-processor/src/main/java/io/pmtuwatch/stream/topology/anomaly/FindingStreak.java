package io.pmtuwatch.stream.topology.anomaly;

/** How long a finding has been present in every diagnosis of a path, and its open window once it persists. */
public final class FindingStreak {
    public long sinceMs;
    public long lastMs;
    public int count;
    public OpenWindow open;
}
