package io.pmtuwatch.bench.stream;

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
 * A realistic probe load: every agent traces every target once per round, one observation per TTL
 * (about 10 hops, a 1400-byte tunnel on a third of the paths, reported by a router shared by many
 * paths), one handshake per TCP run. Deterministic, so both apps of the bench see the same data.
 */
public final class Workload {

    /** One probe run: its path and its records in the order an agent sends them. */
    public record Run(String pathId, HandshakeObservation handshake, List<HopObservation> hops) {
        public int observations() {
            return hops.size() + (handshake == null ? 0 : 1);
        }
    }

    private final int agents;
    private final int targets;
    private final int hopsPerRun;

    public Workload(int agents, int targets, int hopsPerRun) {
        this.agents = agents;
        this.targets = targets;
        this.hopsPerRun = hopsPerRun;
    }

    public int paths() {
        return agents * targets;
    }

    /** The runs of one round; {@code at} stamps every observation (use the send time to measure latency). */
    public List<Run> round(int round, Instant at) {
        List<Run> runs = new ArrayList<>(paths());
        for (int a = 0; a < agents; a++) {
            for (int t = 0; t < targets; t++) {
                runs.add(run(a, t, round, at));
            }
        }
        return runs;
    }

    public Run run(int a, int t, int round, Instant at) {
        Agent agent = Agent.newBuilder().setId("bench-agent-" + a).setName("bench " + a).setLocation("site " + a % 7).build();
        boolean tcp = t % 2 == 0;
        Target target = Target.newBuilder().setHost("t" + t + ".example").setAddress("198.18." + t / 250 + "." + t % 250)
                .setPort(tcp ? 443 : 33434).setIpVersion(IpVersion.IPV4).setTransport(tcp ? Transport.TCP : Transport.UDP)
                .build();
        String pathId = PathIds.of(agent.getId(), target);
        String runId = "round-" + round;
        boolean tunnel = t % 3 == 0;
        int tunnelTtl = 4;
        List<HopObservation> hops = new ArrayList<>(hopsPerRun + 1);
        int size = 1500;
        for (int ttl = 1; ttl < hopsPerRun; ttl++) {
            String router = "100.64." + (ttl == tunnelTtl ? 0 : a % 16) + "." + ttl; // the tunnel entry is shared
            if (tunnel && ttl == tunnelTtl && size == 1500) {
                hops.add(hop(pathId, runId, hops.size(), agent, target, ttl, size, HopOutcome.PACKET_TOO_BIG, router, 1400, at));
                size = 1400;
            }
            hops.add(hop(pathId, runId, hops.size(), agent, target, ttl, size, HopOutcome.TIME_EXCEEDED, router, null, at));
        }
        HopObservation last = hop(pathId, runId, hops.size(), agent, target, hopsPerRun, size, HopOutcome.DESTINATION_REACHED,
                target.getAddress(), null, at);
        last.setLastInRun(true);
        last.setRunProbeCount(hops.size() + 1);
        hops.add(last);
        return new Run(pathId, tcp ? handshake(pathId, runId, agent, target, a, t, at) : null, hops);
    }

    /** A full-size handshake (MSS 1460 both ways) from agent {@code a} to target {@code t}. */
    static HandshakeObservation handshake(String pathId, String runId, Agent agent, Target target, int a, int t, Instant at) {
        return HandshakeObservation.newBuilder().setPathId(pathId).setRunId(runId)
                .setAgent(agent).setTarget(target).setClientAddress("192.0.2." + a % 250).setClientPort(40000 + t)
                .setServerAddress(target.getAddress()).setServerPort(443).setMssSent(1460).setMssReceived(1460)
                .setRttMicros(2000L).setOutcome(HandshakeOutcome.ESTABLISHED).setMethod(MssMethod.PCAP).setLocalMtu(1500)
                .setTimestamp(at).setOrigin(Origin.ACTIVE).build();
    }

    static HopObservation hop(String pathId, String runId, int seq, Agent agent, Target target, int ttl, int size,
                                      HopOutcome outcome, String responder, Integer mtu, Instant at) {
        return HopObservation.newBuilder().setPathId(pathId).setRunId(runId).setSequence(seq).setAgent(agent)
                .setTarget(target).setPhase(ProbePhase.HOP_TRACE).setMethod(ProbeMethod.UDP).setTtl(ttl).setProbeSize(size)
                .setOutcome(outcome).setResponder(responder).setReportedMtu(mtu).setRttMicros(500L * ttl).setLocalMtu(1500)
                .setTimestamp(at).setOrigin(Origin.ACTIVE).setLastInRun(false).build();
    }
}
