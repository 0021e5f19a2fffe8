package io.pmtuwatch.diagnosis.internals;

import io.pmtuwatch.schemas.Agent;
import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.Origin;
import io.pmtuwatch.schemas.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Who, where and which run: taken from the observations, which must agree. */
public record PathIdentity(String pathId, String runId, Agent agent, Target target, Origin origin) {

    public static PathIdentity of(RunObservations run, Optional<HandshakeObservation> handshake) {
        if (run.isEmpty() && handshake.isEmpty()) {
            throw new IllegalArgumentException("nothing to diagnose: no hop observations and no handshake");
        }
        String pathId = run.first().map(HopObservation::getPathId)
                .orElseGet(() -> handshake.get().getPathId());
        List<String> runIds = new ArrayList<>(1);
        for (HopObservation observation : run.all()) {
            String runId = observation.getRunId();
            if (runId != null && !runIds.contains(runId)) {
                runIds.add(runId);
            }
        }
        for (HopObservation observation : run.all()) {
            if (!pathId.equals(observation.getPathId())) {
                throw new IllegalArgumentException("observations of two paths mixed: " + pathId + " and "
                        + observation.getPathId());
            }
        }
        if (runIds.size() > 1) {
            throw new IllegalArgumentException("observations of several runs mixed: " + runIds);
        }
        handshake.filter(h -> !pathId.equals(h.getPathId())).ifPresent(h -> {
            throw new IllegalArgumentException("handshake of path " + h.getPathId() + " given for " + pathId);
        });
        if (run.isEmpty()) {
            HandshakeObservation only = handshake.get();
            return new PathIdentity(pathId, only.getRunId(), only.getAgent(), only.getTarget(), only.getOrigin());
        }
        HopObservation first = run.first().get();
        Origin origin = first.getOrigin();
        for (HopObservation observation : run.all()) {
            if (observation.getOrigin() != origin) {
                origin = Origin.UNKNOWN;
                break;
            }
        }
        return new PathIdentity(pathId, runIds.isEmpty() ? null : runIds.get(0), first.getAgent(),
                first.getTarget(), origin);
    }
}
