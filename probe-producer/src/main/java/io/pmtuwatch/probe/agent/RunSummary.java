package io.pmtuwatch.probe.agent;

import io.pmtuwatch.probe.kafka.RunObservations;
import io.pmtuwatch.schemas.HandshakeObservation;
import java.util.concurrent.CompletableFuture;

/**
 * What one probe run did, for the log line and for {@code run --once}.
 *
 * @param target       the target
 * @param observations what was measured (and handed to the publisher)
 * @param traceError   why the trace produced nothing, null when it worked
 * @param elapsedMillis time of the measurements, publishing excluded
 * @param delivered    completes when Kafka acknowledged every record of the run
 */
public record RunSummary(TargetSpec target, RunObservations observations, String traceError, long elapsedMillis,
                         CompletableFuture<Void> delivered) {

    /** One line: target, run, handshake and trace results. */
    public String line() {
        StringBuilder s = new StringBuilder(target.label()).append(" run ").append(observations.runId());
        HandshakeObservation h = observations.handshake();
        if (h != null) {
            s.append(": handshake ").append(h.getOutcome());
            if (h.getMssSent() != null || h.getMssReceived() != null) {
                s.append(" mss ").append(h.getMssSent()).append('/').append(h.getMssReceived()).append(" (")
                        .append(h.getMethod()).append(')');
            }
            s.append(',');
        } else {
            s.append(':');
        }
        s.append(" trace ");
        if (traceError != null) {
            s.append("failed (").append(traceError).append(')');
        } else {
            s.append(observations.hops().size()).append(" observations");
        }
        return s.append(", ").append(elapsedMillis).append(" ms").toString();
    }
}
