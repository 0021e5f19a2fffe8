package io.pmtuwatch.stream.topology.anomaly;

import io.pmtuwatch.schemas.AnomalyKind;
import io.pmtuwatch.schemas.AnomalyState;
import io.pmtuwatch.schemas.AnomalyWindow;
import io.pmtuwatch.schemas.SubjectType;
import io.pmtuwatch.stream.config.AnomalySettings;

import java.util.List;

/**
 * A path whose PMTU keeps changing: at least the configured number of changes within the sliding
 * window (typically two routes of different MTU, load-balanced or failing over). The window closes
 * when fewer changes remain in the sliding window.
 */
public final class FlappingDetector {

    private final AnomalySettings settings;

    public FlappingDetector(AnomalySettings settings) {
        this.settings = settings;
    }

    public List<AnomalyWindow> onSample(FlappingState state, PathSample sample) {
        if (sample.pmtu() == null) {
            return List.of();
        }
        int pmtu = sample.pmtu();
        boolean changed = state.lastPmtu != null && state.lastPmtu != pmtu;
        if (changed) {
            state.changeTimes.add(sample.atMs());
            state.values.add(pmtu);
        }
        state.lastPmtu = pmtu;
        long oldest = sample.atMs() - settings.flappingWindow().toMillis();
        while (!state.changeTimes.isEmpty() && state.changeTimes.get(0) < oldest) {
            state.changeTimes.remove(0);
            state.values.remove(0);
        }
        int changes = state.changeTimes.size();
        OpenWindow open = state.open;
        if (open == null) {
            if (changes >= settings.flappingMinChanges()) {
                open = OpenWindow.open(AnomalyKind.PMTU_FLAPPING, SubjectType.PATH, sample.pathId(), null,
                        state.changeTimes.get(0));
                open.count = 1;
                open.changes = changes;
                open.worstPmtu = state.values.stream().min(Integer::compare).orElse(pmtu);
                open.agents.add(sample.agentId());
                open.paths.add(sample.pathId());
                state.open = open;
                return List.of(open.record(AnomalyState.OPENED, sample.atMs(), message(open, changes)));
            }
            return List.of();
        }
        open.count++;
        open.lastUpdateMs = sample.atMs();
        if (changes < settings.flappingMinChanges()) {
            state.open = null;
            return List.of(open.record(AnomalyState.CLOSED, sample.atMs(), "PMTU steady at " + pmtu + " again after "
                    + open.changes + " changes"));
        }
        if (changed) {
            open.changes++;
            open.worstPmtu = Math.min(open.worstPmtu, pmtu);
            return List.of(open.record(AnomalyState.UPDATED, sample.atMs(), message(open, changes)));
        }
        return List.of();
    }

    public List<AnomalyWindow> close(FlappingState state, long atMs, String why) {
        OpenWindow open = state.open;
        state.open = null;
        return open == null ? List.of() : List.of(open.record(AnomalyState.CLOSED, atMs, why));
    }

    private String message(OpenWindow open, int changesInWindow) {
        return "PMTU changed " + changesInWindow + " times within " + settings.flappingWindow().toMinutes()
                + " min (lowest " + open.worstPmtu + "): the path alternates between routes of different MTU";
    }
}
