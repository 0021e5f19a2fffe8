package io.pmtuwatch.stream.topology.internals;

import io.pmtuwatch.schemas.FindingCode;
import io.pmtuwatch.schemas.Severity;
import io.pmtuwatch.stream.topology.anomaly.FindingStreak;
import io.pmtuwatch.stream.topology.anomaly.FlappingState;
import io.pmtuwatch.stream.topology.anomaly.PmtuDropState;

import java.time.Instant;
import java.util.Map;

/** Compact form of a {@link PathAnomalyState} (path-anomaly-state store and its changelog). */
public final class PathAnomalyStateFormat implements CompactSerde.Format<PathAnomalyState> {

    public static CompactSerde<PathAnomalyState> serde() {
        return new CompactSerde<>(PathAnomalyState.class, new PathAnomalyStateFormat());
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public void write(BinaryWriter out, PathAnomalyState state) {
        out.writeLong(state.lastSeenWallMs).writeLong(state.latestSampleMs);
        out.writeVarInt(state.drop.recent.size());
        for (int pmtu : state.drop.recent) {
            out.writeSignedVarInt(pmtu);
        }
        OpenWindowFormat.write(out, state.drop.open);
        out.writeVarInt(state.findings.size());
        for (Map.Entry<FindingCode, FindingStreak> entry : state.findings.entrySet()) {
            FindingStreak streak = entry.getValue();
            out.writeEnum(entry.getKey()).writeLong(streak.sinceMs).writeLong(streak.lastMs).writeSignedVarInt(streak.count);
            OpenWindowFormat.write(out, streak.open);
        }
        FlappingState flapping = state.flapping;
        out.writeNullableInt(flapping.lastPmtu);
        out.writeVarInt(flapping.changeTimes.size());
        for (long at : flapping.changeTimes) {
            out.writeLong(at);
        }
        out.writeVarInt(flapping.values.size());
        for (int pmtu : flapping.values) {
            out.writeSignedVarInt(pmtu);
        }
        OpenWindowFormat.write(out, flapping.open);
        StatusStreak.Previous latest = state.latestStatus;
        out.writeBoolean(latest != null);
        if (latest != null) {
            out.writeLong(latest.diagnosedAt().toEpochMilli()).writeEnum(latest.status());
            out.writeBoolean(latest.statusSince() != null);
            if (latest.statusSince() != null) {
                out.writeLong(latest.statusSince().toEpochMilli());
            }
        }
    }

    @Override
    public PathAnomalyState read(BinaryReader in, int version) {
        PathAnomalyState state = new PathAnomalyState();
        state.lastSeenWallMs = in.readLong();
        state.latestSampleMs = in.readLong();
        PmtuDropState drop = state.drop;
        drop.recent = in.readList(BinaryReader::readSignedVarInt);
        drop.open = OpenWindowFormat.read(in);
        int streaks = in.readCount();
        for (int i = 0; i < streaks; i++) {
            FindingCode code = in.readEnum(FindingCode.class, null);
            FindingStreak streak = new FindingStreak();
            streak.sinceMs = in.readLong();
            streak.lastMs = in.readLong();
            streak.count = in.readSignedVarInt();
            streak.open = OpenWindowFormat.read(in);
            // A code this build does not know (written by a newer one) has no detector here: dropped.
            if (code != null) {
                state.findings.put(code, streak);
            }
        }
        FlappingState flapping = state.flapping;
        flapping.lastPmtu = in.readNullableInt();
        flapping.changeTimes = in.readList(BinaryReader::readLong);
        flapping.values = in.readList(BinaryReader::readSignedVarInt);
        flapping.open = OpenWindowFormat.read(in);
        if (in.readBoolean()) {
            Instant diagnosedAt = Instant.ofEpochMilli(in.readLong());
            Severity status = in.readEnum(Severity.class, Severity.UNKNOWN);
            Instant since = in.readBoolean() ? Instant.ofEpochMilli(in.readLong()) : null;
            state.latestStatus = new StatusStreak.Previous(diagnosedAt, status, since);
        }
        return state;
    }
}
