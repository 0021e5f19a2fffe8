package io.pmtuwatch.probe.kafka;

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

/** Sample observations of one run, for publisher tests. */
public final class Observations {

    public static final Agent AGENT = Agent.newBuilder().setId("test-agent").setName("t").setLocation(null).build();

    private Observations() {
    }

    public static Target target(String address) {
        return Target.newBuilder().setHost("svc.example").setAddress(address).setPort(443)
                .setIpVersion(IpVersion.IPV4).setTransport(Transport.TCP).build();
    }

    public static RunObservations run(String address, String runId, int hopCount) {
        Target target = target(address);
        String pathId = PathIds.of(AGENT.getId(), target);
        Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
        HandshakeObservation handshake = HandshakeObservation.newBuilder().setPathId(pathId).setRunId(runId)
                .setAgent(AGENT).setTarget(target).setClientAddress("10.0.0.2").setClientPort(50000)
                .setServerAddress(address).setServerPort(443).setMssSent(1460).setMssReceived(1360)
                .setOutcome(HandshakeOutcome.ESTABLISHED).setMethod(MssMethod.PCAP).setRttMicros(250L)
                .setTimestamp(now).setOrigin(Origin.ACTIVE).build();
        List<HopObservation> hops = new ArrayList<>();
        for (int i = 0; i < hopCount; i++) {
            boolean last = i == hopCount - 1;
            hops.add(HopObservation.newBuilder().setPathId(pathId).setRunId(runId).setSequence(i).setAgent(AGENT)
                    .setTarget(target).setPhase(ProbePhase.HOP_TRACE).setMethod(ProbeMethod.UDP).setTtl(i + 1)
                    .setProbeSize(1500).setOutcome(last ? HopOutcome.DESTINATION_REACHED : HopOutcome.TIME_EXCEEDED)
                    .setResponder("10.0." + i + ".1").setRttMicros(100L * (i + 1)).setLocalMtu(1500)
                    .setTimestamp(now).setOrigin(Origin.ACTIVE).setLastInRun(last)
                    .setRunProbeCount(last ? hopCount : null).build());
        }
        return new RunObservations(pathId, runId, handshake, hops);
    }
}
