package io.pmtuwatch.stream.topology.internals;

import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.stream.config.EventTimeSettings;
import io.pmtuwatch.stream.deadletter.DeadLetterReason;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Rejects an observation whose timestamp is too far from the processor's clock, either way. The
 * decision (dead-letter rather than re-stamp): a run's timestamps order its path's history and time
 * its anomaly windows; replacing a skewed agent's times by arrival times would mix two clocks in one
 * history, so the record is kept aside, with the skew in the reason, and the agent's clock is what
 * gets fixed. Pure: the clock is a parameter.
 */
public final class EventTimeCheck {

    private final EventTimeSettings settings;

    public EventTimeCheck(EventTimeSettings settings) {
        this.settings = settings;
    }

    public Optional<Violation> check(Object observation, long nowMs) {
        Instant at = timestampOf(observation);
        if (at == null) {
            return Optional.empty();
        }
        long skewMs = at.toEpochMilli() - nowMs;
        if (skewMs > settings.futureTolerance().toMillis()) {
            return Optional.of(new Violation(DeadLetterReason.EVENT_TIME_IN_FUTURE, "observed at " + at + ", "
                    + describe(skewMs) + " ahead of the processor's clock (tolerance " + describe(settings.futureTolerance().toMillis())
                    + "): check the clock of agent " + agentOf(observation) + " (NTP)"));
        }
        if (-skewMs > settings.pastTolerance().toMillis()) {
            return Optional.of(new Violation(DeadLetterReason.EVENT_TIME_TOO_OLD, "observed at " + at + ", "
                    + describe(-skewMs) + " behind the processor's clock (tolerance " + describe(settings.pastTolerance().toMillis())
                    + "): check the clock of agent " + agentOf(observation) + ", or raise time.past-tolerance to replay old captures"));
        }
        return Optional.empty();
    }

    private static Instant timestampOf(Object observation) {
        if (observation instanceof HopObservation hop) {
            return hop.getTimestamp();
        }
        if (observation instanceof HandshakeObservation handshake) {
            return handshake.getTimestamp();
        }
        return null;
    }

    private static String agentOf(Object observation) {
        if (observation instanceof HopObservation hop && hop.getAgent() != null) {
            return hop.getAgent().getId();
        }
        if (observation instanceof HandshakeObservation handshake && handshake.getAgent() != null) {
            return handshake.getAgent().getId();
        }
        return "?";
    }

    private static String describe(long ms) {
        Duration d = Duration.ofMillis(ms);
        if (d.toHours() >= 48) {
            return d.toDays() + " d";
        }
        if (d.toMinutes() >= 120) {
            return d.toHours() + " h " + d.toMinutesPart() + " min";
        }
        if (d.toSeconds() >= 120) {
            return d.toMinutes() + " min";
        }
        return d.toMillis() + " ms";
    }
}
