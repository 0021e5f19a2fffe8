package io.pmtuwatch.probe.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.pmtuwatch.probe.sim.SimRouter;
import io.pmtuwatch.probe.sim.SimulatedPath;
import io.pmtuwatch.schemas.EcmpMember;
import io.pmtuwatch.schemas.FindingCode;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.Severity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * ECMP exploration over simulated equal-cost members: agent - r1 - {r2a | r2b} - r3 - target, the
 * member chosen per flow (source port). The narrow member is found and named every run, whichever
 * flows take it, and a path without a narrow member costs only quietFlows probes more.
 */
class EcmpSimulatedTest {

    private static final String TARGET = "198.51.100.9";
    private static final SimRouter R1 = SimRouter.of("10.0.1.1", 1500);
    private static final SimRouter R3 = SimRouter.of("10.0.3.1", 1500);
    private static final SimRouter WIDE = SimRouter.of("10.0.2.1", 1500);
    private static final SimRouter NARROW = SimRouter.of("10.0.2.2", 1400);

    /** Flow number {@code narrowFlow} of a run (in the order flows open their port) takes member 1. */
    private static IntUnaryOperator nthFlowTakesMember1(int narrowFlow) {
        List<Integer> ports = new ArrayList<>();
        return port -> {
            if (!ports.contains(port)) {
                ports.add(port);
            }
            return ports.indexOf(port) % 4 == narrowFlow ? 1 : 0;
        };
    }

    private static SimulatedPath ecmp(SimRouter narrow, IntUnaryOperator hash) {
        return SimulatedPath.to(TARGET).members(List.of(List.of(R1, WIDE, R3), List.of(R1, narrow, R3)), hash).build();
    }

    @Test
    void narrowMemberWithPacketTooBigIsNamedEveryRun() throws Exception {
        for (int run = 0; run < 3; run++) {
            LabTraces.Traced t = SimulatedTraces.trace(ecmp(NARROW, nthFlowTakesMember1(2)), TARGET,
                    TraceSettings.defaults());
            PathDiagnosis d = t.diagnosis();
            assertThat(d.getPmtu()).as("the path's PMTU is the narrow member's\n%s", t).isEqualTo(1400);
            assertThat(d.getMtuDrops()).as("%s", t).singleElement().satisfies(drop -> {
                assertThat(drop.getRouter()).isEqualTo("10.0.2.2");
                assertThat(drop.getRouterTtl()).isEqualTo(2);
            });
            assertThat(d.getEcmpMembers()).as("%s", t).hasSize(2);
            EcmpMember narrow = d.getEcmpMembers().get(0);
            assertThat(narrow.getPmtu()).isEqualTo(1400);
            assertThat(narrow.getLimitingRouter()).isEqualTo("10.0.2.2");
            assertThat(narrow.getHops()).containsExactly("10.0.1.1", "10.0.2.2", "10.0.3.1", TARGET);
            assertThat(narrow.getFlows()).containsExactly(2);
            assertThat(d.getEcmpMembers().get(1).getPmtu()).isEqualTo(1500);
            assertThat(d.getFindings()).as("%s", t).anySatisfy(f -> {
                assertThat(f.getCode()).isEqualTo(FindingCode.ECMP_NARROW_MEMBER);
                assertThat(f.getSeverity()).isEqualTo(Severity.WARNING);
                assertThat(f.getHop()).isEqualTo("10.0.2.2");
                assertThat(f.getMessage()).contains("Only some flows", "1400", "1500");
            });
            assertThat(d.getHops().get(1).getAddress()).as("hop list of the narrow member").isEqualTo("10.0.2.2");
        }
    }

    @Test
    void narrowMemberBehindABlackHoleIsSizedAndLocalised() throws Exception {
        LabTraces.Traced t = SimulatedTraces.trace(ecmp(NARROW.withoutPtb(), nthFlowTakesMember1(1)), TARGET,
                TraceSettings.defaults());
        PathDiagnosis d = t.diagnosis();
        assertThat(d.getPmtu()).as("%s", t).isEqualTo(1400);
        assertThat(d.getBlackHole()).as("%s", t).isNotNull();
        assertThat(d.getBlackHole().getDetected()).isTrue();
        assertThat(d.getBlackHole().getRouter()).as("%s", t).isEqualTo("10.0.2.2");
        assertThat(d.getEcmpMembers()).as("%s", t).hasSize(2);
        assertThat(d.getFindings()).extracting(f -> f.getCode())
                .contains(FindingCode.ECMP_NARROW_MEMBER, FindingCode.PMTUD_FAILURE);
    }

    @Test
    void equalMembersCostOnlyTheQuietFlows() throws Exception {
        SimulatedPath path = ecmp(SimRouter.of("10.0.2.2", 1500), nthFlowTakesMember1(1));
        LabTraces.Traced t = SimulatedTraces.trace(path, TARGET, TraceSettings.defaults());
        assertThat(t.diagnosis().getPmtu()).isEqualTo(1500);
        assertThat(t.diagnosis().getEcmpMembers()).isEmpty();
        assertThat(t.diagnosis().getStatus()).isEqualTo(Severity.INFO);
        assertThat(t.run().probesSent()).as("%s", t).isEqualTo(4 + TraceSettings.DEFAULT_QUIET_FLOWS);
    }

    /** Flows are found again run after run: the same source ports, so the same members. */
    @Test
    void flowsKeepTheirSourcePortsFromRunToRun() throws Exception {
        List<List<Integer>> ports = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            SimulatedPath path = ecmp(NARROW, nthFlowTakesMember1(2));
            SimulatedTraces.trace(path, TARGET, TraceSettings.defaults());
            ports.add(path.sourcePortsUsed());
        }
        assertThat(ports.get(0)).hasSizeGreaterThanOrEqualTo(3).isEqualTo(ports.get(1));
        assertThat(ports.get(0)).doesNotHaveDuplicates();
        assertThat(Arrays.asList(ports.get(0).toArray())).allMatch(p -> (Integer) p > 60_999);
    }

    /** Once a new member shows up, exploration goes on until quietFlows flows in a row add nothing. */
    @Test
    void exploresOnAfterANewMemberWithinTheFlowBudget() throws Exception {
        SimulatedPath path = ecmp(NARROW, port -> 0);
        SimulatedTraces.trace(path, TARGET, TraceSettings.defaults().withFlows(4, 2));
        assertThat(path.sourcePortsUsed()).hasSize(3);
        SimulatedPath narrowLate = ecmp(NARROW, nthFlowTakesMember1(2));
        SimulatedTraces.trace(narrowLate, TARGET, TraceSettings.defaults().withFlows(8, 2));
        assertThat(narrowLate.sourcePortsUsed()).as("flows 3 and 4 after the new member at flow 2").hasSize(5);
    }
}
