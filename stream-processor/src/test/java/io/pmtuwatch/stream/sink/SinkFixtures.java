package io.pmtuwatch.stream.sink;

import io.pmtuwatch.schemas.Agent;
import io.pmtuwatch.schemas.AnomalyKind;
import io.pmtuwatch.schemas.AnomalyState;
import io.pmtuwatch.schemas.AnomalyWindow;
import io.pmtuwatch.schemas.EcmpMember;
import io.pmtuwatch.schemas.ReturnPath;
import io.pmtuwatch.schemas.ReturnPathMethod;
import io.pmtuwatch.schemas.ReturnPathOutcome;
import io.pmtuwatch.schemas.FindingCode;
import io.pmtuwatch.schemas.IpVersion;
import io.pmtuwatch.schemas.LinkMtu;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.PathIds;
import io.pmtuwatch.schemas.SubjectType;
import io.pmtuwatch.schemas.Target;
import io.pmtuwatch.schemas.Transport;
import io.pmtuwatch.stream.DiagnosisRules;
import io.pmtuwatch.stream.ObservationFixtures;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Real records for sink tests: diagnoses come out of the real diagnoser (the topology's rules) fed
 * with the shared observation fixtures of a probe run through a 1400-byte link; anomaly windows and
 * links are built as the topology publishes them.
 */
public final class SinkFixtures {

    public static final Agent AGENT_B = Agent.newBuilder().setId("fra-edge-1").setName("Frankfurt edge 1")
            .setLocation("Frankfurt, DE").build();
    public static final Target TARGET_V6 = Target.newBuilder().setHost("www.example.net").setAddress("2001:db8::80")
            .setPort(443).setIpVersion(IpVersion.IPV6).setTransport(Transport.TCP).build();

    private SinkFixtures() {
    }

    /** The diagnosis of the lab-agent's run through the 1400 link: OVERSIZED_MSS and one MTU drop at 10.9.2.1. */
    public static PathDiagnosis diagnosis(String runId, Instant start) {
        return DiagnosisRules.standard().diagnose(ObservationFixtures.hopsThrough1400Link(runId, start),
                Optional.of(ObservationFixtures.handshake(runId, start)), true, null);
    }

    /** The same measurement as seen by another agent towards another target (other path id). */
    public static PathDiagnosis diagnosis(Agent agent, Target target, String runId, Instant start) {
        return PathDiagnosis.newBuilder(diagnosis(runId, start)).setAgent(agent).setTarget(target)
                .setPathId(PathIds.of(agent.getId(), target)).build();
    }

    public static AnomalyWindow anomaly(String id, AnomalyState state, Instant start, Instant updatedAt, String pathId) {
        return AnomalyWindow.newBuilder().setId(id).setKind(AnomalyKind.PERSISTENT_FINDING).setState(state)
                .setSubjectType(SubjectType.PATH).setSubject(pathId).setStart(start)
                .setEnd(state == AnomalyState.CLOSED ? updatedAt : null).setUpdatedAt(updatedAt).setCount(3)
                .setFindingCode(FindingCode.OVERSIZED_MSS).setBaselinePmtu(1500).setWorstPmtu(1400).setChanges(0)
                .setAgents(List.of()).setPaths(List.of(pathId))
                .setMessage("OVERSIZED_MSS persists on " + pathId).build();
    }

    public static LinkMtu link(Instant firstSeen, Instant lastSeen, List<String> paths, List<String> agents) {
        return LinkMtu.newBuilder().setLinkId("10.9.2.1>10.9.3.2").setRouter("10.9.2.1").setNextHop("10.9.3.2")
                .setIpVersion(IpVersion.IPV4).setMtu(1400).setFromMtu(1500).setLikelyCause("IPsec ESP (likely)")
                .setPathCount(paths.size()).setAgentCount(agents.size()).setPaths(paths).setAgents(agents)
                .setFirstSeen(firstSeen).setLastSeen(lastSeen).build();
    }

    /**
     * {@code d} as a run that also explored two equal-cost members (the narrow one limited by
     * 2001:db8:1::1 at 1400) and saw, on the wire, the target resend above a 1280 packet-too-big.
     */
    public static PathDiagnosis withMembersAndReturnPath(PathDiagnosis d) {
        return PathDiagnosis.newBuilder(d)
                .setEcmpMembers(List.of(
                        EcmpMember.newBuilder().setFlow(1).setSourcePort(61421).setFlows(List.of(1)).setPmtu(1400)
                                .setLimitingRouter("2001:db8:1::1").setHops(Arrays.asList("2001:db8:1::1", null,
                                        d.getTarget().getAddress())).build(),
                        EcmpMember.newBuilder().setFlow(0).setSourcePort(61420).setFlows(List.of(0, 2, 3))
                                .setPmtu(1500).setHops(List.of("2001:db8:2::1", d.getTarget().getAddress())).build()))
                .setReturnPath(ReturnPath.newBuilder().setMethod(ReturnPathMethod.CAPTURE)
                        .setOutcome(ReturnPathOutcome.STALLED).setTargetMss(1440).setLargestSegment(1220)
                        .setPtbMtu(1280).setShrankAfterPtb(false).setLargestAfterPtb(1500).setOversizedAfterPtb(2)
                        .setSender(d.getTarget().getAddress()).setPtbRouter("2001:db8:1::1").build())
                .build();
    }
}
