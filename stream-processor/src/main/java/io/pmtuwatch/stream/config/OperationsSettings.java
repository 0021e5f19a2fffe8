package io.pmtuwatch.stream.config;

import java.time.Duration;

/** Start-up and health behaviour of an instance; see {@link Settings} for each value's meaning. */
public record OperationsSettings(Duration startupWait, Duration healthStallAfter, int healthMaxThreadFailures,
                                 Duration healthFailureWindow, String instanceId,
                                 ProcessingGuarantee processingGuarantee, Duration sessionTimeout) {

    static OperationsSettings from(RawConfig raw) {
        return new OperationsSettings(raw.get(Settings.STARTUP_WAIT), raw.get(Settings.HEALTH_STALL_AFTER),
                raw.get(Settings.HEALTH_MAX_THREAD_FAILURES), raw.get(Settings.HEALTH_FAILURE_WINDOW),
                raw.get(Settings.INSTANCE_ID), raw.get(Settings.PROCESSING_GUARANTEE),
                raw.get(Settings.SESSION_TIMEOUT));
    }
}
