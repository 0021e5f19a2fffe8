package io.pmtuwatch.probe.agent;

import io.pmtuwatch.probe.trace.PathTracer;
import io.pmtuwatch.probe.trace.TraceIdentity;
import io.pmtuwatch.probe.trace.TraceObservations;
import io.pmtuwatch.probe.trace.TraceSettings;
import io.pmtuwatch.schemas.HopObservation;
import java.util.List;

/** {@link PathProber} backed by the per-hop PMTU tracer. */
public final class TracerPathProber implements PathProber {

    private final PathTracer tracer;

    public TracerPathProber(TraceSettings settings) {
        this.tracer = new PathTracer(settings);
    }

    @Override
    public List<HopObservation> trace(TraceIdentity identity, String runId) throws Exception {
        return TraceObservations.of(tracer.trace(identity.address()), identity, runId);
    }
}
