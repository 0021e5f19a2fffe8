package io.pmtuwatch.stream.topology.anomaly;

import io.pmtuwatch.schemas.AnomalyKind;
import io.pmtuwatch.schemas.AnomalyState;
import io.pmtuwatch.schemas.AnomalyWindow;
import io.pmtuwatch.schemas.FindingCode;
import io.pmtuwatch.schemas.Severity;
import io.pmtuwatch.schemas.SubjectType;
import io.pmtuwatch.stream.config.AnomalySettings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A finding (of at least the configured severity) present in every diagnosis of a path for the
 * configured duration opens a window, e.g. a PMTUD failure that lasts ten minutes. The first
 * complete diagnosis without it closes the window: an incomplete one (observations lost, e.g. in a
 * broker outage) extends the streaks of the findings it has and leaves the others alone. While open, an UPDATED record is published at most once
 * per duration, so consumers see it is still going on without one record per run.
 */
public final class PersistentFindingDetector {

    private final AnomalySettings settings;

    public PersistentFindingDetector(AnomalySettings settings) {
        this.settings = settings;
    }

    public List<AnomalyWindow> onSample(Map<FindingCode, FindingStreak> streaks, PathSample sample) {
        List<AnomalyWindow> out = new ArrayList<>();
        long duration = settings.persistentDuration().toMillis();
        for (Map.Entry<FindingCode, Severity> finding : sample.findings().entrySet()) {
            if (!qualifies(finding.getKey(), finding.getValue())) {
                continue;
            }
            FindingStreak streak = streaks.computeIfAbsent(finding.getKey(), code -> {
                FindingStreak created = new FindingStreak();
                created.sinceMs = sample.atMs();
                return created;
            });
            streak.count++;
            streak.lastMs = sample.atMs();
            long lasted = sample.atMs() - streak.sinceMs;
            if (streak.open == null && lasted >= duration) {
                streak.open = OpenWindow.open(AnomalyKind.PERSISTENT_FINDING, SubjectType.PATH, sample.pathId(),
                        finding.getKey(), streak.sinceMs);
                streak.open.count = streak.count;
                streak.open.worstPmtu = sample.pmtu();
                streak.open.agents.add(sample.agentId());
                streak.open.paths.add(sample.pathId());
                out.add(streak.open.record(AnomalyState.OPENED, sample.atMs(), message(finding.getKey(), streak)));
            } else if (streak.open != null) {
                streak.open.count = streak.count;
                streak.open.lastUpdateMs = sample.atMs();
                if (sample.pmtu() != null && (streak.open.worstPmtu == null || sample.pmtu() < streak.open.worstPmtu)) {
                    streak.open.worstPmtu = sample.pmtu();
                }
                if (sample.atMs() - streak.open.lastEmittedMs >= duration) {
                    out.add(streak.open.record(AnomalyState.UPDATED, sample.atMs(), message(finding.getKey(), streak)));
                }
            }
        }
        if (!sample.complete()) {
            return out;
        }
        List<FindingCode> gone = new ArrayList<>();
        for (Map.Entry<FindingCode, FindingStreak> entry : streaks.entrySet()) {
            if (!sample.findings().containsKey(entry.getKey()) || !qualifies(entry.getKey(), sample.findings().get(entry.getKey()))) {
                gone.add(entry.getKey());
                OpenWindow open = entry.getValue().open;
                if (open != null) {
                    out.add(open.record(AnomalyState.CLOSED, sample.atMs(), entry.getKey() + " is no longer found on this path"
                            + " (it held for " + minutes(entry.getValue().lastMs - entry.getValue().sinceMs) + ")"));
                }
            }
        }
        gone.forEach(streaks::remove);
        return out;
    }

    public List<AnomalyWindow> close(Map<FindingCode, FindingStreak> streaks, long atMs, String why) {
        List<AnomalyWindow> out = new ArrayList<>();
        for (FindingStreak streak : streaks.values()) {
            if (streak.open != null) {
                out.add(streak.open.record(AnomalyState.CLOSED, atMs, why));
            }
        }
        streaks.clear();
        return out;
    }

    private boolean qualifies(FindingCode code, Severity severity) {
        return code != FindingCode.OK && code != FindingCode.UNKNOWN && severity != Severity.UNKNOWN
                && severity.ordinal() >= settings.persistentMinSeverity().ordinal();
    }

    private static String message(FindingCode code, FindingStreak streak) {
        return code + " has been found in every diagnosis of this path for " + minutes(streak.lastMs - streak.sinceMs)
                + " (" + streak.count + " diagnoses)";
    }

    private static String minutes(long ms) {
        return ms >= 120_000 ? ms / 60_000 + " min" : ms / 1000 + " s";
    }
}
