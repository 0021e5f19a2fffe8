package io.pmtuwatch.demo;

import io.pmtuwatch.probe.kafka.ObservationPublisher;
import io.pmtuwatch.probe.kafka.RunObservations;
import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.HopObservation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Publishes recorded lab runs as if they happened now: each replay gets a fresh run id and
 * timestamps moved to the present (keeping their spacing). The origin stays what it was (ACTIVE):
 * REPLAY means "read from a capture file", where the SYN is a real client's, and the rules treat
 * that differently.
 */
final class RunReplayer {

    private final List<RunObservations> recorded;
    private final ObservationPublisher publisher;
    private final Clock clock;

    RunReplayer(List<RunObservations> recorded, ObservationPublisher publisher, Clock clock) {
        this.recorded = List.copyOf(recorded);
        this.publisher = publisher;
        this.clock = clock;
    }

    /** Publishes every recorded run once; returns how many. */
    int replayAll() {
        for (RunObservations run : recorded) {
            publisher.publish(restamp(run, UUID.randomUUID().toString(), clock.instant()));
        }
        return recorded.size();
    }

    static RunObservations restamp(RunObservations run, String runId, Instant now) {
        Instant start = run.handshake() != null ? run.handshake().getTimestamp()
                : run.hops().get(0).getTimestamp();
        Duration shift = Duration.between(start, now);
        HandshakeObservation handshake = null;
        if (run.handshake() != null) {
            handshake = HandshakeObservation.newBuilder(run.handshake()).setRunId(runId)
                    .setTimestamp(run.handshake().getTimestamp().plus(shift)).build();
        }
        List<HopObservation> hops = new ArrayList<>(run.hops().size());
        for (HopObservation hop : run.hops()) {
            hops.add(HopObservation.newBuilder(hop).setRunId(runId).setTimestamp(hop.getTimestamp().plus(shift))
                    .build());
        }
        return new RunObservations(run.pathId(), runId, handshake, hops);
    }
}
