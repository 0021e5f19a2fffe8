package io.pmtuwatch.stream.topology.internals;

import io.pmtuwatch.schemas.AnomalyKind;
import io.pmtuwatch.schemas.FindingCode;
import io.pmtuwatch.schemas.SubjectType;
import io.pmtuwatch.stream.topology.anomaly.OpenWindow;

/** The compact form of an open anomaly window (or its absence), inside the path and link state formats. */
final class OpenWindowFormat {

    private OpenWindowFormat() {
    }

    static void write(BinaryWriter out, OpenWindow window) {
        out.writeBoolean(window != null);
        if (window == null) {
            return;
        }
        out.writeString(window.id)
                .writeEnum(window.kind)
                .writeEnum(window.subjectType)
                .writeString(window.subject)
                .writeLong(window.startMs)
                .writeLong(window.lastUpdateMs)
                .writeLong(window.lastEmittedMs)
                .writeSignedVarInt(window.count)
                .writeEnum(window.findingCode)
                .writeNullableInt(window.baselinePmtu)
                .writeNullableInt(window.worstPmtu)
                .writeSignedVarInt(window.changes)
                .writeStrings(window.agents)
                .writeStrings(window.paths);
    }

    /** Version 1 of every format that holds a window. */
    static OpenWindow read(BinaryReader in) {
        if (!in.readBoolean()) {
            return null;
        }
        OpenWindow window = new OpenWindow();
        window.id = in.readString();
        window.kind = in.readEnum(AnomalyKind.class, AnomalyKind.UNKNOWN);
        window.subjectType = in.readEnum(SubjectType.class, SubjectType.UNKNOWN);
        window.subject = in.readString();
        window.startMs = in.readLong();
        window.lastUpdateMs = in.readLong();
        window.lastEmittedMs = in.readLong();
        window.count = in.readSignedVarInt();
        window.findingCode = in.readEnum(FindingCode.class, FindingCode.UNKNOWN);
        window.baselinePmtu = in.readNullableInt();
        window.worstPmtu = in.readNullableInt();
        window.changes = in.readSignedVarInt();
        window.agents = in.readStrings();
        window.paths = in.readStrings();
        return window;
    }
}
