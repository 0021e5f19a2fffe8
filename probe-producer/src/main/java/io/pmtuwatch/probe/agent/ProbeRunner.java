package io.pmtuwatch.probe.agent;

import io.pmtuwatch.probe.clamp.ClampObservations;
import io.pmtuwatch.probe.handshake.HandshakeObservations;
import io.pmtuwatch.probe.handshake.HandshakeProber;
import io.pmtuwatch.probe.handshake.HandshakeResult;
import io.pmtuwatch.probe.kafka.ObservationPublisher;
import io.pmtuwatch.probe.returnpath.ReturnPathSettings;
import io.pmtuwatch.probe.returnpath.ReturnPathTest;
import io.pmtuwatch.probe.returnpath.ReturnRequest;
import io.pmtuwatch.probe.kafka.RunObservations;
import io.pmtuwatch.probe.trace.TraceIdentity;
import io.pmtuwatch.probe.trace.TraceObservations;
import io.pmtuwatch.schemas.Agent;
import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.Transport;
import java.net.InetAddress;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One probe run of one target: resolve, TCP handshake (TCP targets), the return-path test when the
 * target asks for it, trace, publish. The handshake
 * goes first: a trace that learns a PMTU makes our kernel advertise PMTU - headers in the SYNs
 * that follow, and the MSS must describe the path, not our route cache. Measurements run in the
 * target's network namespace; publishing happens outside it.
 */
public final class ProbeRunner implements TargetRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ProbeRunner.class);

    private final Agent agent;
    private final HandshakeProber handshakes;
    private final PathProber tracer;
    private final ObservationPublisher publisher;
    private final TargetAddressResolver resolver;
    private final NamespaceRunner namespaces;
    private final ClampProbe clamps;
    private final ReturnPathSettings returnPathSettings = ReturnPathSettings.defaults();

    public ProbeRunner(Agent agent, HandshakeProber handshakes, PathProber tracer, ObservationPublisher publisher,
                       TargetAddressResolver resolver, NamespaceRunner namespaces) {
        this(agent, handshakes, tracer, publisher, resolver, namespaces, ClampProbe.NONE);
    }

    public ProbeRunner(Agent agent, HandshakeProber handshakes, PathProber tracer, ObservationPublisher publisher,
                       TargetAddressResolver resolver, NamespaceRunner namespaces, ClampProbe clamps) {
        this.clamps = clamps;
        this.agent = agent;
        this.handshakes = handshakes;
        this.tracer = tracer;
        this.publisher = publisher;
        this.resolver = resolver;
        this.namespaces = namespaces;
    }

    /**
     * Measures, publishes and waits until Kafka acknowledged the run (the producer retries for its
     * delivery timeout, e.g. across a broker restart), so the target's next run cannot start while
     * this one is still undelivered.
     *
     * @throws RunNotDeliveredException when Kafka did not acknowledge every record in time
     */
    @Override
    public void run(TargetSpec target) throws Exception {
        RunSummary summary = runOnce(target);
        try {
            summary.delivered().join();
        } catch (java.util.concurrent.CompletionException e) {
            throw new RunNotDeliveredException(summary.observations(), e.getCause() == null ? e : e.getCause());
        }
        LOG.info("{}", summary.line());
    }

    /** Measures and hands the observations to the publisher; does not wait for delivery. */
    public RunSummary runOnce(TargetSpec target) throws Exception {
        String runId = TraceObservations.newRunId();
        long start = System.nanoTime();
        Measured measured = namespaces.call(target.netns(), () -> measure(target, runId));
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        return new RunSummary(target, measured.observations(), measured.traceError(), elapsedMillis,
                publisher.publish(measured.observations()));
    }

    private record Measured(RunObservations observations, String traceError) {
    }

    // A clamp locator failure (no raw socket here, say) costs the run its clamp, nothing else.
    private HandshakeObservation withClamp(TargetSpec target, InetAddress address, HandshakeObservation handshake) {
        try {
            return clamps.locate(address, target.port())
                    .map(verdict -> ClampObservations.withClamp(handshake, verdict)).orElse(handshake);
        } catch (Exception e) {
            LOG.warn("{}: cannot locate MSS clamps: {}", target.label(), e.getMessage() == null ? e : e.getMessage());
            return handshake;
        }
    }

    // After the handshake and before the trace: its SYN must still advertise the full MSS.
    private HandshakeObservation withReturnPath(TargetSpec target, InetAddress address,
                                                HandshakeObservation handshake) {
        TargetSpec.ReturnPathSpec spec = target.returnPath();
        if (spec.request() == ReturnRequest.OFF) {
            return handshake;
        }
        return ReturnPathTest.attach(handshake, spec.request(), returnPathSettings.withHttpPath(spec.httpPath()),
                address, target.port(), target.host());
    }

    private Measured measure(TargetSpec target, String runId) throws Exception {
        InetAddress address = resolver.resolve(target.host(), target.ip());
        TraceIdentity identity = new TraceIdentity(agent, target.host(), address, target.port(), target.protocol(),
                target.netns());
        String pathId = identity.pathId();
        HandshakeObservation handshake = null;
        if (target.protocol() == Transport.TCP) {
            HandshakeResult result = handshakes.measure(address, target.port());
            if (result.synMssReflectsLearnedPmtu()) {
                LOG.debug("{}: {}", target.label(), result.interpretation());
            }
            handshake = HandshakeObservations.of(result, pathId, runId, agent, identity.target());
            handshake = withClamp(target, address, handshake);
            handshake = withReturnPath(target, address, handshake);
        }
        List<HopObservation> hops = List.of();
        String traceError = null;
        try {
            hops = tracer.trace(identity, runId, target.probe());
        } catch (Exception e) {
            // The handshake is still worth publishing; the stream processor diagnoses what it gets.
            traceError = e.getMessage() == null ? e.toString() : e.getMessage();
            LOG.warn("{}: trace failed: {}", target.label(), traceError);
        }
        return new Measured(new RunObservations(pathId, runId, handshake, hops), traceError);
    }
}
