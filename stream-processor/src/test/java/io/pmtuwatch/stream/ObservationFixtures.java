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
 * One realistic IPv4 probe run towards a TCP service behind a 1400-byte link: two routers, the
 * second reports frag-needed with MTU 1400, the target answers at 1400. Handshake MSS 1460 both ways.
 */
public final class ObservationFixtures {

    public static final Agent AGENT = Agent.newBuilder().setId("lab-agent").setName("Lab agent")
            .setLocation("Rack 1").build();
    public static final Target TARGET = Target.newBuilder().setHost("server.lab").setAddress("10.9.3.2")
            .setPort(443).setIpVersion(IpVersion.IPV4).setTransport(Transport.TCP).build();
    public static final String PATH_ID = PathIds.of(AGENT.getId(), TARGET);

    private ObservationFixtures() {
    }

    public static HandshakeObservation handshake(String runId, Instant at) {
        return HandshakeObservation.newBuilder().setPathId(PATH_ID).setRunId(runId).setAgent(AGENT).setTarget(TARGET)
                .setClientAddress("10.9.1.2").setClientPort(40000).setServerAddress(TARGET.getAddress())
                .setServerPort(443).setMssSent(1460).setMssReceived(1460).setRttMicros(900L)
                .setOutcome(HandshakeOutcome.ESTABLISHED).setMethod(MssMethod.PCAP).setLocalMtu(1500)
                .setTimestamp(at).setOrigin(Origin.ACTIVE).build();
    }

    /** The run's hop observations in order; the last carries the last-in-run marker and the count. */
    public static List<HopObservation> hopsThrough1400Link(String runId, Instant start) {
        List<HopObservation> hops = new ArrayList<>();
        hops.add(hop(runId, 0, 1, 1500, HopOutcome.TIME_EXCEEDED, "10.9.1.1", null, start));
        hops.add(hop(runId, 1, 2, 1500, HopOutcome.PACKET_TOO_BIG, "10.9.2.1", 1400, start.plusMillis(1)));
        hops.add(hop(runId, 2, 2, 1400, HopOutcome.TIME_EXCEEDED, "10.9.2.1", null, start.plusMillis(2)));
        HopObservation last = hop(runId, 3, 3, 1400, HopOutcome.DESTINATION_REACHED, TARGET.getAddress(), null,
                start.plusMillis(3));
        last.setLastInRun(true);
        last.setRunProbeCount(4);
        hops.add(last);
        return hops;
    }

    private static HopObservation hop(String runId, int seq, int ttl, int size, HopOutcome outcome, String responder,
                                      Integer mtu, Instant at) {
        return HopObservation.newBuilder().setPathId(PATH_ID).setRunId(runId).setSequence(seq).setAgent(AGENT)
                .setTarget(TARGET).setPhase(ProbePhase.HOP_TRACE).setMethod(ProbeMethod.UDP).setTtl(ttl)
                .setProbeSize(size).setOutcome(outcome).setResponder(responder).setReportedMtu(mtu)
                .setRttMicros(300L * ttl).setLocalMtu(1500).setTimestamp(at).setOrigin(Origin.ACTIVE)
                .setLastInRun(false).build();
    }
}
