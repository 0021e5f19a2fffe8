package io.pmtuwatch.stream.topology.internals;

import io.pmtuwatch.schemas.IpVersion;
import io.pmtuwatch.schemas.LinkMtu;
import io.pmtuwatch.stream.topology.anomaly.LinkDropState;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One link across all agents. Exact path and agent counts come from the member store (one key per
 * member, see {@link LinkAggregator}); here are only the most recent few, for the published lists.
 */
public final class LinkState {
    public String linkId;
    public String router;
    public String nextHop;
    public String ipVersion;
    public int mtu;
    public Integer fromMtu;
    public String likelyCause;
    public long firstSeenMs;
    public long lastSeenMs;
    public long lastSeenWallMs;
    public int pathCount;
    public int agentCount;
    public List<String> recentPaths = new ArrayList<>();
    public List<String> recentAgents = new ArrayList<>();
    public long lastPublishedLastSeenMs = Long.MIN_VALUE;
    public String lastPublishedDigest;
    public LinkDropState drop = new LinkDropState();

    public LinkMtu toRecord() {
        return LinkMtu.newBuilder()
                .setLinkId(linkId)
                .setRouter(router)
                .setNextHop(nextHop)
                .setIpVersion(IpVersion.valueOf(ipVersion))
                .setMtu(mtu)
                .setFromMtu(fromMtu)
                .setLikelyCause(likelyCause)
                .setPathCount(pathCount)
                .setAgentCount(agentCount)
                .setPaths(List.copyOf(recentPaths))
                .setAgents(List.copyOf(recentAgents))
                .setFirstSeen(Instant.ofEpochMilli(firstSeenMs))
                .setLastSeen(Instant.ofEpochMilli(lastSeenMs))
                .build();
    }

    /** Everything published except lastSeen: a change here is worth a record at once. */
    String digest() {
        return Objects.hash(mtu, fromMtu, likelyCause, pathCount, agentCount, recentPaths, recentAgents, nextHop) + "";
    }

    /** Moves a member to the front of a bounded most-recent list. */
    static void touch(List<String> recent, String member, int max) {
        recent.remove(member);
        recent.add(0, member);
        while (recent.size() > max) {
            recent.remove(recent.size() - 1);
        }
    }
}
