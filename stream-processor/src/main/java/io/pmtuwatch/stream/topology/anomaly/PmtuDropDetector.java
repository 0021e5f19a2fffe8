package io.pmtuwatch.stream.topology.anomaly;

import io.pmtuwatch.diagnosis.LikelyCauses;
import io.pmtuwatch.schemas.AnomalyKind;
import io.pmtuwatch.schemas.AnomalyState;
import io.pmtuwatch.schemas.AnomalyWindow;
import io.pmtuwatch.schemas.SubjectType;
import io.pmtuwatch.stream.config.AnomalySettings;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A path's PMTU falls below its own baseline: the median of its latest PMTUs (a median, so one odd
 * run does not move it). The baseline is frozen while the window is open; the window closes when
 * the PMTU is back, or when the drop has lasted long enough to be the new normal (e.g. a permanent
 * route into a tunnel), in which case the baseline restarts from the new value.
 */
public final class PmtuDropDetector {

    private final AnomalySettings settings;

    public PmtuDropDetector(AnomalySettings settings) {
        this.settings = settings;
    }

    public List<AnomalyWindow> onSample(PmtuDropState state, PathSample sample) {
        if (sample.pmtu() == null) {
            return List.of();
        }
        int pmtu = sample.pmtu();
        OpenWindow open = state.open;
        if (open != null) {
            open.count++;
            open.lastUpdateMs = sample.atMs();
            if (open.baselinePmtu - pmtu < settings.dropMinBytes()) {
                state.open = null;
                remember(state, pmtu);
                return List.of(open.record(AnomalyState.CLOSED, sample.atMs(), "PMTU is back to " + pmtu
                        + " (baseline " + open.baselinePmtu + ") after " + open.count + " diagnoses"));
            }
            if (sample.atMs() - open.startMs >= settings.rebaselineAfter().toMillis()) {
                state.open = null;
                state.recent = new ArrayList<>(List.of(pmtu));
                return List.of(open.record(AnomalyState.CLOSED, sample.atMs(), "PMTU has stayed at " + pmtu
                        + " since the drop from " + open.baselinePmtu + "; accepted as the path's new baseline"));
            }
            if (pmtu < open.worstPmtu) {
                open.worstPmtu = pmtu;
                return List.of(open.record(AnomalyState.UPDATED, sample.atMs(), message(open, pmtu)));
            }
            return List.of();
        }
        Optional<Integer> baseline = baseline(state);
        if (baseline.isPresent() && baseline.get() - pmtu >= settings.dropMinBytes()) {
            OpenWindow window = OpenWindow.open(AnomalyKind.PMTU_DROP, SubjectType.PATH, sample.pathId(), null, sample.atMs());
            window.count = 1;
            window.baselinePmtu = baseline.get();
            window.worstPmtu = pmtu;
            window.agents.add(sample.agentId());
            window.paths.add(sample.pathId());
            state.open = window;
            return List.of(window.record(AnomalyState.OPENED, sample.atMs(), message(window, pmtu)));
        }
        remember(state, pmtu);
        return List.of();
    }

    public List<AnomalyWindow> close(PmtuDropState state, long atMs, String why) {
        OpenWindow open = state.open;
        state.open = null;
        return open == null ? List.of() : List.of(open.record(AnomalyState.CLOSED, atMs, why));
    }

    private Optional<Integer> baseline(PmtuDropState state) {
        if (state.recent.size() < settings.minBaselineRuns()) {
            return Optional.empty();
        }
        List<Integer> sorted = new ArrayList<>(state.recent);
        sorted.sort(Integer::compare);
        return Optional.of(sorted.get(sorted.size() / 2));
    }

    private void remember(PmtuDropState state, int pmtu) {
        state.recent.add(pmtu);
        while (state.recent.size() > settings.baselineRuns()) {
            state.recent.remove(0);
        }
    }

    private static String message(OpenWindow window, int pmtu) {
        return "PMTU dropped from its baseline " + window.baselinePmtu + " to " + pmtu + " ("
                + (window.baselinePmtu - pmtu) + " bytes less; " + LikelyCauses.forMtu(pmtu)
                + "): a route change into a tunnel or a reconfigured link";
    }
}
