package io.pmtuwatch.probe.kafka;

import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.HopObservation;
import java.util.List;
import java.util.Objects;

/**
 * What one probe run of one path produced: at most one handshake, then the trace's hop
 * observations. Every record carries the same path id, which is the Kafka key.
 *
 * @param pathId    the path id of every record
 * @param runId     the run
 * @param handshake the handshake, null when none was measured (UDP/ICMP targets)
 * @param hops      the trace's observations, in sequence order; empty when the trace failed
 */
public record RunObservations(String pathId, String runId, HandshakeObservation handshake, List<HopObservation> hops) {

    public RunObservations {
        Objects.requireNonNull(pathId, "pathId");
        hops = List.copyOf(hops);
        if (handshake != null && !pathId.equals(handshake.getPathId())) {
            throw new IllegalArgumentException("handshake of path " + handshake.getPathId() + " in run of " + pathId);
        }
        for (HopObservation hop : hops) {
            if (!pathId.equals(hop.getPathId())) {
                throw new IllegalArgumentException("hop of path " + hop.getPathId() + " in run of " + pathId);
            }
        }
    }

    public int recordCount() {
        return hops.size() + (handshake == null ? 0 : 1);
    }
}
