package io.pmtuwatch.diagnosis.internals;

import io.pmtuwatch.schemas.Agent;
import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.Origin;
import io.pmtuwatch.schemas.Target;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Who, where and which run: taken from the observations, which must agree. */
public record PathIdentity(String pathId, String runId, Agent agent, Target target, Origin origin) {

    public static PathIdentity of(RunObservations run, Optional<HandshakeObservation> handshake) {
        if (run.isEmpty() && handshake.isEmpty()) {
            throw new IllegalArgumentException("nothing to diagnose: no hop observations and no handshake");
        }
        String pathId = run.first().map(HopObservation::getPathId)
                .orElseGet(() -> handshake.get().getPathId());
        List<String> runIds = run.all().stream().map(HopObservation::getRunId).filter(Objects::nonNull)
                .distinct().toList();
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
        List<Origin> origins = run.all().stream().map(HopObservation::getOrigin).distinct().toList();
        Origin origin = origins.size() == 1 ? origins.get(0) : Origin.UNKNOWN;
        return new PathIdentity(pathId, runIds.isEmpty() ? null : runIds.get(0), first.getAgent(),
                first.getTarget(), origin);
    }
}
