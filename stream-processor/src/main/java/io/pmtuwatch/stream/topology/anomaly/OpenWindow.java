package io.pmtuwatch.stream.topology.anomaly;

import io.pmtuwatch.schemas.AnomalyKind;
import io.pmtuwatch.schemas.AnomalyState;
import io.pmtuwatch.schemas.AnomalyWindow;
import io.pmtuwatch.schemas.FindingCode;
import io.pmtuwatch.schemas.SubjectType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An anomaly window while it is open: the detectors' state and the source of its records. The id
 * is derived from kind, subject, finding and start time, so a replay of the same observations gives
 * the same id (downstream stores can upsert on it).
 */
public final class OpenWindow {

    public String id;
    public AnomalyKind kind;
    public SubjectType subjectType;
    public String subject;
    public long startMs;
    public long lastUpdateMs;
    public long lastEmittedMs;
    public int count;
    public FindingCode findingCode;
    public Integer baselinePmtu;
    public Integer worstPmtu;
    public int changes;
    public List<String> agents = new ArrayList<>();
    public List<String> paths = new ArrayList<>();

    public OpenWindow() {
        // for the state serde
    }

    public static OpenWindow open(AnomalyKind kind, SubjectType subjectType, String subject, FindingCode code, long startMs) {
        OpenWindow window = new OpenWindow();
        window.kind = kind;
        window.subjectType = subjectType;
        window.subject = subject;
        window.findingCode = code;
        window.startMs = startMs;
        window.lastUpdateMs = startMs;
        window.id = kind.name().toLowerCase(Locale.ROOT) + (code == null ? "" : ":" + code.name().toLowerCase(Locale.ROOT))
                + ":" + subject + ":" + startMs;
        return window;
    }

    public AnomalyWindow record(AnomalyState state, long atMs, String message) {
        lastEmittedMs = atMs;
        return AnomalyWindow.newBuilder()
                .setId(id)
                .setKind(kind)
                .setState(state)
                .setSubjectType(subjectType)
                .setSubject(subject)
                .setStart(Instant.ofEpochMilli(startMs))
                .setEnd(state == AnomalyState.CLOSED ? Instant.ofEpochMilli(Math.max(atMs, startMs)) : null)
                .setUpdatedAt(Instant.ofEpochMilli(atMs))
                .setCount(count)
                .setFindingCode(findingCode)
                .setBaselinePmtu(baselinePmtu)
                .setWorstPmtu(worstPmtu)
                .setChanges(changes)
                .setAgents(List.copyOf(agents))
                .setPaths(List.copyOf(paths))
                .setMessage(message)
                .build();
    }
}
