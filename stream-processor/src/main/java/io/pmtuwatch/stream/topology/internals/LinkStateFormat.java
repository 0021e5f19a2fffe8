package io.pmtuwatch.stream.topology.internals;

import io.pmtuwatch.stream.topology.anomaly.LinkDropState;

import java.util.Map;

/** Compact form of a {@link LinkState} (links store and its changelog). */
public final class LinkStateFormat implements CompactSerde.Format<LinkState> {

    public static CompactSerde<LinkState> serde() {
        return new CompactSerde<>(LinkState.class, new LinkStateFormat());
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public void write(BinaryWriter out, LinkState state) {
        out.writeString(state.linkId)
                .writeString(state.router)
                .writeString(state.nextHop)
                .writeString(state.ipVersion)
                .writeSignedVarInt(state.mtu)
                .writeNullableInt(state.fromMtu)
                .writeString(state.likelyCause)
                .writeLong(state.firstSeenMs)
                .writeLong(state.lastSeenMs)
                .writeLong(state.lastSeenWallMs)
                .writeSignedVarInt(state.pathCount)
                .writeSignedVarInt(state.agentCount)
                .writeStrings(state.recentPaths)
                .writeStrings(state.recentAgents)
                .writeLong(state.lastPublishedLastSeenMs)
                .writeString(state.lastPublishedDigest);
        LinkDropState drop = state.drop;
        out.writeVarInt(drop.agents.size());
        for (Map.Entry<String, Long> agent : drop.agents.entrySet()) {
            out.writeString(agent.getKey()).writeLong(agent.getValue());
        }
        out.writeLong(drop.lastReportMs);
        OpenWindowFormat.write(out, drop.open);
    }

    @Override
    public LinkState read(BinaryReader in, int version) {
        LinkState state = new LinkState();
        state.linkId = in.readString();
        state.router = in.readString();
        state.nextHop = in.readString();
        state.ipVersion = in.readString();
        state.mtu = in.readSignedVarInt();
        state.fromMtu = in.readNullableInt();
        state.likelyCause = in.readString();
        state.firstSeenMs = in.readLong();
        state.lastSeenMs = in.readLong();
        state.lastSeenWallMs = in.readLong();
        state.pathCount = in.readSignedVarInt();
        state.agentCount = in.readSignedVarInt();
        state.recentPaths = in.readStrings();
        state.recentAgents = in.readStrings();
        state.lastPublishedLastSeenMs = in.readLong();
        state.lastPublishedDigest = in.readString();
        LinkDropState drop = state.drop;
        int agents = in.readCount();
        for (int i = 0; i < agents; i++) {
            drop.agents.put(in.readString(), in.readLong()); // in order: the oldest is evicted first
        }
        drop.lastReportMs = in.readLong();
        drop.open = OpenWindowFormat.read(in);
        return state;
    }
}
