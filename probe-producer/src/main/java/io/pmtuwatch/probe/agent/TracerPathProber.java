package io.pmtuwatch.probe.agent;

import io.pmtuwatch.probe.socket.TcpSynSocket;
import io.pmtuwatch.probe.trace.PathTracer;
import io.pmtuwatch.probe.trace.TraceIdentity;
import io.pmtuwatch.probe.trace.TraceObservations;
import io.pmtuwatch.probe.trace.TraceProtocol;
import io.pmtuwatch.probe.trace.TraceRun;
import io.pmtuwatch.probe.trace.TraceSettings;
import io.pmtuwatch.schemas.HopObservation;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link PathProber} backed by the per-hop PMTU tracer: UDP, or TCP SYNs to a TCP target's port as
 * its {@code probe:} setting says (AUTO: TCP when the target answers no UDP or echo).
 */
public final class TracerPathProber implements PathProber {

    private static final Logger LOG = LoggerFactory.getLogger(TracerPathProber.class);

    private final TraceSettings settings;
    /** Paths already warned about: a missing CAP_NET_RAW is said once per path, not every run. */
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    public TracerPathProber(TraceSettings settings) {
        this.settings = settings;
    }

    @Override
    public List<HopObservation> trace(TraceIdentity identity, String runId) throws Exception {
        return trace(identity, runId, TraceProtocol.AUTO);
    }

    @Override
    public List<HopObservation> trace(TraceIdentity identity, String runId, TraceProtocol protocol) throws Exception {
        int tcpPort = identity.transport() == io.pmtuwatch.schemas.Transport.TCP ? identity.port() : 0;
        TraceRun run = new PathTracer(protocol.apply(settings, tcpPort)).trace(identity.address());
        for (String note : run.notes()) {
            if (note.contains(TcpSynSocket.NEEDS_CAP_NET_RAW) && warned.add(identity.pathId())) {
                LOG.warn("{}: {}", identity.pathId(), note);
            }
        }
        return TraceObservations.of(run, identity, runId);
    }
}
