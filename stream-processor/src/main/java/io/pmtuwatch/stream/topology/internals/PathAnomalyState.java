package io.pmtuwatch.stream.topology.internals;

import io.pmtuwatch.schemas.FindingCode;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.stream.topology.anomaly.FindingStreak;
import io.pmtuwatch.stream.topology.anomaly.FlappingState;
import io.pmtuwatch.stream.topology.anomaly.OpenWindow;
import io.pmtuwatch.stream.topology.anomaly.PmtuDropState;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Per path: the detectors' state, when the path last reported (arrival time, for ageing), and what
 * the status streak needs of its latest diagnosis (so the diagnosis itself is not decoded for it).
 */
public final class PathAnomalyState {
    public long lastSeenWallMs;
    public long latestSampleMs = Long.MIN_VALUE;
    public PmtuDropState drop = new PmtuDropState();
    public Map<FindingCode, FindingStreak> findings = new EnumMap<>(FindingCode.class);
    public FlappingState flapping = new FlappingState();
    /** The latest diagnosis's status streak; null when not known here (a state written by an older build). */
    public StatusStreak.Previous latestStatus;

    /** Notes the diagnosis that became the path's latest. */
    public void latest(PathDiagnosis diagnosis) {
        latestStatus = StatusStreak.Previous.of(diagnosis);
    }

    public List<OpenWindow> openWindows() {
        List<OpenWindow> open = new ArrayList<>();
        if (drop.open != null) {
            open.add(drop.open);
        }
        findings.values().stream().filter(s -> s.open != null).forEach(s -> open.add(s.open));
        if (flapping.open != null) {
            open.add(flapping.open);
        }
        return open;
    }
}
