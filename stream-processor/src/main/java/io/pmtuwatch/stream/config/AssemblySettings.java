package io.pmtuwatch.stream.config;

import io.pmtuwatch.settings.Durations;
import java.time.Duration;

/** Timing of run assembly; see {@link Settings} for each value's meaning. */
public record AssemblySettings(Duration runTimeout, Duration handshakeGrace, Duration scanInterval,
                               Duration dedupRetention, Duration passiveHandshakeWindow) {

    static AssemblySettings from(RawConfig raw) {
        AssemblySettings settings = new AssemblySettings(raw.get(Settings.RUN_TIMEOUT), raw.get(Settings.HANDSHAKE_GRACE),
                raw.get(Settings.RUN_SCAN_INTERVAL), raw.get(Settings.DEDUP_RETENTION),
                raw.get(Settings.PASSIVE_HANDSHAKE_WINDOW));
        if (settings.runTimeout.compareTo(settings.handshakeGrace) < 0) {
            throw new ConfigException(raw.origin(Settings.RUN_TIMEOUT) + ": " + Settings.RUN_TIMEOUT.key() + " ("
                    + Durations.format(settings.runTimeout) + ") must not be shorter than " + Settings.HANDSHAKE_GRACE.key()
                    + " (" + Durations.format(settings.handshakeGrace) + ")");
        }
        if (settings.dedupRetention.compareTo(settings.runTimeout) < 0) {
            throw new ConfigException(raw.origin(Settings.DEDUP_RETENTION) + ": " + Settings.DEDUP_RETENTION.key() + " ("
                    + Durations.format(settings.dedupRetention) + ") must not be shorter than " + Settings.RUN_TIMEOUT.key()
                    + " (" + Durations.format(settings.runTimeout) + "): a late duplicate would start a second run");
        }
        return settings;
    }
}
