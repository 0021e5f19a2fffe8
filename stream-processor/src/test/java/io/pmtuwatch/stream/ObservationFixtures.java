package io.pmtuwatch.stream;

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
import io.pmtuwatch.schemas.Target;
import io.pmtuwatch.schemas.Transport;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Realistic IPv4 probe runs. The default: a TCP service behind a 1400-byte link: two routers, the
 * second reports frag-needed with MTU 1400, the target answers at 1400. Handshake MSS 1460 both ways.
 * {@link #run} builds the same shape for any agent, target and link MTU.
 */
public final class ObservationFixtures {

    public static final Agent AGENT = agent("lab-agent");
    public static final Target TARGET = target("10.9.3.2", Transport.TCP, 443);
    public static final String PATH_ID = PathIds.of(AGENT.getId(), TARGET);
    public static final String ROUTER_1 = "10.9.1.1";
    public static final String ROUTER_2 = "10.9.2.1";

    private ObservationFixtures() {
    }

    public static Agent agent(String id) {
        return Agent.newBuilder().setId(id).setName("Agent " + id).setLocation("Rack 1").build();
    }

    public static Target target(String address, Transport transport, int port) {
        return Target.newBuilder().setHost("server-" + address).setAddress(address).setPort(port)
                .setIpVersion(IpVersion.IPV4).setTransport(transport).build();
    }

    public static String pathId(Agent agent, Target target) {
        return PathIds.of(agent.getId(), target);
    }

    public static HandshakeObservation handshake(String runId, Instant at) {
        return handshake(AGENT, TARGET, runId, at);
    }

    public static HandshakeObservation handshake(Agent agent, Target target, String runId, Instant at) {
        return HandshakeObservation.newBuilder().setPathId(pathId(agent, target)).setRunId(runId).setAgent(agent)
                .setTarget(target).setClientAddress("10.9.1.2").setClientPort(40000).setServerAddress(target.getAddress())
                .setServerPort(target.getPort()).setMssSent(1460).setMssReceived(1460).setRttMicros(900L)
                .setOutcome(HandshakeOutcome.ESTABLISHED).setMethod(MssMethod.PCAP).setLocalMtu(1500)
                .setTimestamp(at).setOrigin(runId == null ? Origin.PASSIVE : Origin.ACTIVE).build();
    }

    /** The run's hop observations in order; the last carries the last-in-run marker and the count. */
    public static List<HopObservation> hopsThrough1400Link(String runId, Instant start) {
        return run(AGENT, TARGET, runId, start, 1400);
    }

    /** A run towards {@code target}; a link MTU below 1500 is reported by router 2 with a frag-needed. */
    public static List<HopObservation> run(Agent agent, Target target, String runId, Instant start, int linkMtu) {
        List<HopObservation> hops = new ArrayList<>();
        hops.add(hop(agent, target, runId, 0, 1, 1500, HopOutcome.TIME_EXCEEDED, ROUTER_1, null, start));
        int size = 1500;
        if (linkMtu < 1500) {
            hops.add(hop(agent, target, runId, hops.size(), 2, 1500, HopOutcome.PACKET_TOO_BIG, ROUTER_2, linkMtu,
                    start.plusMillis(1)));
            size = linkMtu;
        }
        hops.add(hop(agent, target, runId, hops.size(), 2, size, HopOutcome.TIME_EXCEEDED, ROUTER_2, null, start.plusMillis(2)));
        HopObservation last = hop(agent, target, runId, hops.size(), 3, size, HopOutcome.DESTINATION_REACHED,
                target.getAddress(), null, start.plusMillis(3));
        last.setLastInRun(true);
        last.setRunProbeCount(hops.size() + 1);
        hops.add(last);
        return hops;
    }

    /** A frag-needed seen on the wire by the passive sensor: no run. */
    public static HopObservation passivePtb(Agent agent, Target target, Instant at, int mtu) {
        HopObservation hop = hop(agent, target, null, 0, 0, 1500, HopOutcome.PACKET_TOO_BIG, ROUTER_2, mtu, at);
        hop.setPhase(ProbePhase.PASSIVE);
        hop.setMethod(ProbeMethod.NONE);
        hop.setOrigin(Origin.PASSIVE);
        hop.setRttMicros(null);
        hop.setLastInRun(true);
        return hop;
    }

    public static HopObservation hop(Agent agent, Target target, String runId, int seq, int ttl, int size,
                                     HopOutcome outcome, String responder, Integer mtu, Instant at) {
        return HopObservation.newBuilder().setPathId(pathId(agent, target)).setRunId(runId).setSequence(seq)
                .setAgent(agent).setTarget(target).setPhase(ProbePhase.HOP_TRACE).setMethod(ProbeMethod.UDP).setTtl(ttl)
                .setProbeSize(size).setOutcome(outcome).setResponder(responder).setReportedMtu(mtu)
                .setRttMicros(300L * Math.max(ttl, 1)).setLocalMtu(1500).setTimestamp(at).setOrigin(Origin.ACTIVE)
                .setLastInRun(false).build();
    }
}
