package io.pmtuwatch.stream.config;

import io.pmtuwatch.schemas.Severity;

import java.time.Duration;

/** Window sizes and thresholds of the anomaly detectors; see {@link Settings} for each value's meaning. */
public record AnomalySettings(int dropMinBytes, int baselineRuns, int minBaselineRuns, Duration rebaselineAfter,
                              Duration persistentDuration, Severity persistentMinSeverity, Duration flappingWindow,
                              int flappingMinChanges, int linkMinAgents, Duration linkWindow) {

    public static AnomalySettings defaults() {
        return from(RawConfig.empty());
    }

    static AnomalySettings from(RawConfig raw) {
        AnomalySettings settings = new AnomalySettings(raw.get(Settings.DROP_MIN_BYTES), raw.get(Settings.DROP_BASELINE_RUNS),
                raw.get(Settings.DROP_MIN_BASELINE_RUNS), raw.get(Settings.DROP_REBASELINE_AFTER),
                raw.get(Settings.PERSISTENT_DURATION), raw.get(Settings.PERSISTENT_MIN_SEVERITY),
                raw.get(Settings.FLAPPING_WINDOW), raw.get(Settings.FLAPPING_MIN_CHANGES), raw.get(Settings.LINK_MIN_AGENTS),
                raw.get(Settings.LINK_WINDOW));
        if (settings.minBaselineRuns > settings.baselineRuns) {
            throw new ConfigException(raw.origin(Settings.DROP_MIN_BASELINE_RUNS) + ": "
                    + Settings.DROP_MIN_BASELINE_RUNS.key() + " (" + settings.minBaselineRuns + ") must not exceed "
                    + Settings.DROP_BASELINE_RUNS.key() + " (" + settings.baselineRuns + ")");
        }
        return settings;
    }
}
