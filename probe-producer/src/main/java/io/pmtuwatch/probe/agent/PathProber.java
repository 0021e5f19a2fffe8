package io.pmtuwatch.probe.agent;

import io.pmtuwatch.probe.trace.TraceIdentity;
import io.pmtuwatch.probe.trace.TraceProtocol;
import io.pmtuwatch.schemas.HopObservation;
import java.util.List;

/**
 * Traces one path for the agent. Runs on the calling thread, hence in its network namespace.
 * Implementations return the run's observations numbered from 0, the last one marked lastInRun.
 */
@FunctionalInterface
public interface PathProber {

    List<HopObservation> trace(TraceIdentity identity, String runId) throws Exception;

    /** Traces the way the target asks for ({@code probe:} in the targets file); by default as above. */
    default List<HopObservation> trace(TraceIdentity identity, String runId, TraceProtocol protocol) throws Exception {
        return trace(identity, runId);
    }
}
