package io.pmtuwatch.stream.topology.internals;

/** One path's report of one MTU drop, re-keyed by link id to meet the other reports of that link (repartition topic). */
public final class LinkReport {
    public String linkId;
    public String router;
    public String nextHop;
    public String ipVersion;
    public int mtu;
    public Integer fromMtu;
    public String likelyCause;
    public String pathId;
    public String agentId;
    public long atMs;
}
