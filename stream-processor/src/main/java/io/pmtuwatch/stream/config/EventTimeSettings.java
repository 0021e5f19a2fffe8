package io.pmtuwatch.stream.config;

import java.time.Duration;

/**
 * How far an observation's own timestamp may be from the processor's clock before it is
 * dead-lettered; see {@link Settings#TIME_FUTURE_TOLERANCE} and {@link Settings#TIME_PAST_TOLERANCE}.
 */
public record EventTimeSettings(Duration futureTolerance, Duration pastTolerance) {

    static EventTimeSettings from(RawConfig raw) {
        return new EventTimeSettings(raw.get(Settings.TIME_FUTURE_TOLERANCE), raw.get(Settings.TIME_PAST_TOLERANCE));
    }
}
