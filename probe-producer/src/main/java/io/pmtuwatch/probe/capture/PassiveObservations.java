package io.pmtuwatch.probe.capture;

import io.pmtuwatch.schemas.Agent;
import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.HandshakeOutcome;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.HopOutcome;
import io.pmtuwatch.schemas.IpVersion;
import io.pmtuwatch.schemas.MssMethod;
import io.pmtuwatch.schemas.Origin;
import io.pmtuwatch.schemas.PathIds;
import io.pmtuwatch.schemas.ProbeMethod;
import io.pmtuwatch.schemas.ProbePhase;
import io.pmtuwatch.schemas.ReturnPath;
import io.pmtuwatch.schemas.ReturnPathMethod;
import io.pmtuwatch.schemas.ReturnPathOutcome;
import io.pmtuwatch.schemas.ReturnPathRequest;
import io.pmtuwatch.schemas.Target;
import io.pmtuwatch.schemas.Transport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a flow seen on the wire into the contract's observations: one {@link HandshakeObservation}
 * (method CAPTURE) and one {@link HopObservation} per frag-needed / packet-too-big (phase PASSIVE,
 * method NONE). Pure.
 *
 * <p>The path of a flow is its server side (where the SYN went; without a SYN, where the quoted
 * packet went), so a flow's handshake and its PTBs share one path id and meet in one partition,
 * whichever direction the refused packet travelled.
 */
public final class PassiveObservations {

    private final Agent agent;
    private final Origin origin;

    public PassiveObservations(String agentId, Origin origin) {
        this.agent = Agent.newBuilder().setId(agentId).build();
        this.origin = origin;
    }

    /** The flow's server side, when the flow is known well enough to have one. */
    public Optional<Endpoint> server(FlowSnapshot flow) {
        if (flow.server != null) {
            return Optional.of(flow.server);
        }
        return flow.mtuEvents.stream().filter(e -> e.quotedDestination() != null).findFirst()
                .map(MtuEvent::quotedDestination);
    }

    public Optional<Target> target(FlowSnapshot flow) {
        return server(flow).map(server -> Target.newBuilder()
                .setHost(TrafficAnalyzer.text(server.address()))
                .setAddress(TrafficAnalyzer.text(server.address()))
                .setPort(flow.key.protocol() == 1 || flow.key.protocol() == 58 ? 0 : server.port())
                .setIpVersion(flow.ipVersion == 6 ? IpVersion.IPV6 : IpVersion.IPV4)
                .setTransport(transport(flow.key.protocol()))
                .build());
    }

    public Optional<String> pathId(FlowSnapshot flow) {
        return target(flow).map(t -> PathIds.of(agent.getId(), t));
    }

    /** The handshake of a flow whose SYN was seen; empty otherwise (a lone SYN-ACK names no client MSS). */
    public Optional<HandshakeObservation> handshake(FlowSnapshot flow) {
        if (flow.synOptions == null || flow.client == null) {
            return Optional.empty();
        }
        Target target = target(flow).orElseThrow();
        boolean answered = flow.synAckOptions != null;
        HandshakeObservation.Builder b = HandshakeObservation.newBuilder()
                .setPathId(PathIds.of(agent.getId(), target))
                .setAgent(agent)
                .setTarget(target)
                .setClientAddress(TrafficAnalyzer.text(flow.client.address()))
                .setClientPort(flow.client.port())
                .setServerAddress(TrafficAnalyzer.text(flow.server.address()))
                .setServerPort(flow.server.port())
                .setMssSent(flow.synOptions.mss())
                .setWindowScaleSent(flow.synOptions.windowScale())
                .setSackPermittedSent(flow.synOptions.sackPermitted())
                .setTimestampsSent(flow.synOptions.timestamps())
                .setOutcome(answered ? HandshakeOutcome.ESTABLISHED : HandshakeOutcome.SYN_ONLY)
                .setMethod(MssMethod.CAPTURE)
                .setTimestamp(Instant.ofEpochMilli(flow.synMicros / 1000))
                .setOrigin(origin);
        if (answered) {
            b.setMssReceived(flow.synAckOptions.mss())
                    .setWindowScaleReceived(flow.synAckOptions.windowScale())
                    .setSackPermittedReceived(flow.synAckOptions.sackPermitted())
                    .setTimestampsReceived(flow.synAckOptions.timestamps());
            if (flow.synAckMicros >= flow.synMicros) {
                b.setRttMicros(flow.synAckMicros - flow.synMicros);
            }
        }
        returnPath(flow).ifPresent(b::setReturnPath);
        return Optional.of(b.build());
    }

    /**
     * A side of the flow that resent data above a packet-too-big's MTU, as the figures the return-path
     * rule judges (method CAPTURE, the sender named): the same PTB_IGNORED as the active test's. The
     * server is looked at first (downloads are where it hurts).
     */
    static Optional<ReturnPath> returnPath(FlowSnapshot flow) {
        boolean server = flow.serverIgnoresPtb != null;
        PtbCompliance.Ignored ignored = server ? flow.serverIgnoresPtb : flow.clientIgnoresPtb;
        if (ignored == null) {
            return Optional.empty();
        }
        Endpoint sender = server ? flow.server : flow.client;
        // The sender's segments are bounded by what the other side advertised.
        Integer senderMss = server ? flow.mssSent() : flow.mssReceived();
        return Optional.of(ReturnPath.newBuilder()
                .setMethod(ReturnPathMethod.CAPTURE)
                .setRequest(ReturnPathRequest.UNKNOWN)
                .setOutcome(ReturnPathOutcome.STALLED)
                .setTargetMss(senderMss)
                .setPtbMtu(ignored.ptbMtu())
                .setShrankAfterPtb(false)
                .setLargestAfterPtb(ignored.largestPacket())
                .setOversizedAfterPtb(ignored.oversizedResends())
                .setSender(sender == null ? null : TrafficAnalyzer.text(sender.address()))
                .setPtbRouter(ignored.router())
                .build());
    }

    /** One hop observation per MTU event of the flow, in capture order. */
    public List<HopObservation> hops(FlowSnapshot flow) {
        List<HopObservation> hops = new ArrayList<>();
        Optional<Target> target = target(flow);
        if (target.isEmpty()) {
            return hops;
        }
        String pathId = PathIds.of(agent.getId(), target.get());
        int sequence = 0;
        for (MtuEvent event : flow.mtuEvents) {
            hops.add(hop(event, pathId, target.get(), sequence++));
        }
        return hops;
    }

    /** An MTU event that names no flow still is a fact about its router: keyed by the quoted destination. */
    public HopObservation hop(MtuEvent event, String pathId, Target target, int sequence) {
        return HopObservation.newBuilder()
                .setPathId(pathId)
                .setSequence(sequence)
                .setAgent(agent)
                .setTarget(target)
                .setPhase(ProbePhase.PASSIVE)
                .setMethod(ProbeMethod.NONE)
                .setTtl(event.ttl())
                .setProbeSize(event.refusedSize())
                .setOutcome(HopOutcome.PACKET_TOO_BIG)
                .setResponder(event.router())
                .setReportedMtu(event.valid() ? event.mtu() : null)
                .setInvalidReason(event.invalidReason())
                .setTimestamp(Instant.ofEpochMilli(event.timestampMicros() / 1000))
                .setOrigin(origin)
                .setLastInRun(true)
                .build();
    }

    private static Transport transport(int protocol) {
        return switch (protocol) {
            case 6 -> Transport.TCP;
            case 17 -> Transport.UDP;
            case 1, 58 -> Transport.ICMP;
            default -> Transport.UNKNOWN;
        };
    }
}
