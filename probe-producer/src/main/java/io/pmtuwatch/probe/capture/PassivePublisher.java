package io.pmtuwatch.probe.capture;

import io.pmtuwatch.probe.kafka.ObservationPublisher;
import io.pmtuwatch.probe.kafka.RunObservations;
import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.Origin;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes what a {@link TrafficAnalyzer} reports through the agent's {@link ObservationPublisher}:
 * each handshake and each frag-needed / packet-too-big, keyed by the flow's path id.
 */
public final class PassivePublisher implements PassiveListener {

    private static final Logger LOG = LoggerFactory.getLogger(PassivePublisher.class);

    private final ObservationPublisher publisher;
    private final PassiveObservations observations;
    private final AtomicLong handshakes = new AtomicLong();
    private final AtomicLong hops = new AtomicLong();
    private final AtomicLong unattributed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    public PassivePublisher(ObservationPublisher publisher, String agentId, Origin origin) {
        this.publisher = publisher;
        this.observations = new PassiveObservations(agentId, origin);
    }

    @Override
    public void handshake(FlowSnapshot flow) {
        Optional<HandshakeObservation> handshake = observations.handshake(flow);
        Optional<String> pathId = observations.pathId(flow);
        if (handshake.isEmpty() || pathId.isEmpty()) {
            return;
        }
        handshakes.incrementAndGet();
        send(new RunObservations(pathId.get(), null, handshake.get(), List.of()));
    }

    @Override
    public void mtuEvent(FlowSnapshot flow, MtuEvent event) {
        Optional<String> pathId = flow == null ? Optional.empty() : observations.pathId(flow);
        if (pathId.isEmpty()) {
            unattributed.incrementAndGet(); // the quote names no flow: counted, not published
            return;
        }
        HopObservation hop = observations.hop(event, pathId.get(), observations.target(flow).orElseThrow(),
                (int) flow.mtuEventCount - 1);
        hops.incrementAndGet();
        send(new RunObservations(pathId.get(), null, null, List.of(hop)));
    }

    /**
     * The flow's handshake again, now carrying what the sender did after the packet-too-big, with that
     * packet-too-big as a new passive observation of the path: the topology diagnoses a passive hop with
     * the path's latest handshake, so this diagnosis reports PTB_IGNORED.
     */
    @Override
    public void ptbIgnored(FlowSnapshot flow, MtuEvent ptb) {
        Optional<HandshakeObservation> handshake = observations.handshake(flow);
        Optional<String> pathId = observations.pathId(flow);
        if (handshake.isEmpty() || pathId.isEmpty()) {
            return; // no SYN seen: no handshake to carry the figures (counted in the capture's report)
        }
        HopObservation hop = observations.hop(ptb, pathId.get(), observations.target(flow).orElseThrow(),
                (int) flow.mtuEventCount);
        handshakes.incrementAndGet();
        hops.incrementAndGet();
        send(new RunObservations(pathId.get(), null, handshake.get(), List.of(hop)));
    }

    /** Publishes a whole flow at once (replay: the file is read first). */
    public CompletableFuture<Void> publishFlow(FlowSnapshot flow) {
        Optional<String> pathId = observations.pathId(flow);
        if (pathId.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        HandshakeObservation handshake = observations.handshake(flow).orElse(null);
        List<HopObservation> flowHops = observations.hops(flow);
        if (handshake == null && flowHops.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        handshakes.addAndGet(handshake == null ? 0 : 1);
        hops.addAndGet(flowHops.size());
        return send(new RunObservations(pathId.get(), null, handshake, flowHops));
    }

    private CompletableFuture<Void> send(RunObservations run) {
        return publisher.publish(run).whenComplete((ok, error) -> {
            if (error != null) {
                failed.incrementAndGet();
                LOG.warn("observations of {} not delivered: {}", run.pathId(), error.toString());
            }
        });
    }

    public long handshakes() {
        return handshakes.get();
    }

    public long hops() {
        return hops.get();
    }

    public long unattributed() {
        return unattributed.get();
    }

    public long failed() {
        return failed.get();
    }
}
