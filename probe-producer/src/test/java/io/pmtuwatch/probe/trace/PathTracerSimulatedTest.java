package io.pmtuwatch.probe.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.pmtuwatch.probe.sim.SimRouter;
import io.pmtuwatch.probe.sim.SimulatedPath;
import io.pmtuwatch.schemas.BlackHole;
import io.pmtuwatch.schemas.HopOutcome;
import io.pmtuwatch.schemas.ProbeMethod;
import io.pmtuwatch.schemas.ProbePhase;
import org.junit.jupiter.api.Test;

/**
 * The tracer's decisions over simulated paths, without root: the same ground truths as the
 * namespace labs (agent - r1 - r2 - r3 - target), plus cases a lab cannot make on demand.
 */
class PathTracerSimulatedTest {

    private static final String TARGET = "198.51.100.9";
    private static final String TARGET6 = "2001:db8:9::9";

    private static SimRouter[] chain(int mtuAfterR2, boolean r2SendsPtb) {
        SimRouter r2 = SimRouter.of("10.0.2.1", mtuAfterR2);
        return new SimRouter[] {SimRouter.of("10.0.1.1", 1500), r2SendsPtb ? r2 : r2.withoutPtb(),
                SimRouter.of("10.0.3.1", 1500)};
    }

    @Test
    void healthyPathCostsOneProbePerHop() throws Exception {
        SimulatedPath path = SimulatedPath.to(TARGET).routers(chain(1500, true)).build();
        LabTraces.Traced t = SimulatedTraces.trace(path, TARGET, TraceSettings.defaults());
        assertThat(t.diagnosis().getPmtu()).as("%s", t).isEqualTo(1500);
        assertThat(t.diagnosis().getHops()).as("%s", t).hasSize(4);
        // One probe per hop, plus one per further flow until quietFlows showed nothing new.
        assertThat(t.run().probesSent()).as("%s", t).isEqualTo(4 + TraceSettings.DEFAULT_QUIET_FLOWS);
        assertThat(SimulatedTraces.trace(SimulatedPath.to(TARGET).routers(chain(1500, true)).build(), TARGET,
                TraceSettings.defaults().withFlows(1, 1)).run().probesSent()).as("one flow").isEqualTo(4);
        assertThat(t.diagnosis().getBlackHole() == null || !t.diagnosis().getBlackHole().getDetected()).isTrue();
    }

    @Test
    void packetTooBigLowersTheSizeAndNamesTheRouter() throws Exception {
        SimulatedPath path = SimulatedPath.to(TARGET).routers(chain(1400, true)).build();
        LabTraces.Traced t = SimulatedTraces.trace(path, TARGET, TraceSettings.defaults());
        assertThat(t.diagnosis().getPmtu()).as("%s", t).isEqualTo(1400);
        assertThat(t.diagnosis().getMtuDrops()).as("%s", t).singleElement().satisfies(d -> {
            assertThat(d.getRouter()).isEqualTo("10.0.2.1");
            assertThat(d.getRouterTtl()).isEqualTo(2);
            assertThat(d.getToMtu()).isEqualTo(1400);
        });
        assertThat(t.run().probesSent()).as("one extra probe for the drop\n%s", t)
                .isEqualTo(5 + TraceSettings.DEFAULT_QUIET_FLOWS);
    }

    @Test
    void ipv6PacketTooBig() throws Exception {
        SimulatedPath path = SimulatedPath.to(TARGET6).routers(SimRouter.of("2001:db8:1::1", 1500),
                SimRouter.of("2001:db8:2::1", 1280), SimRouter.of("2001:db8:3::1", 1500)).build();
        LabTraces.Traced t = SimulatedTraces.trace(path, TARGET6, TraceSettings.defaults());
        assertThat(t.diagnosis().getPmtu()).as("%s", t).isEqualTo(1280);
        assertThat(t.diagnosis().getMtuDrops()).singleElement().satisfies(d -> assertThat(d.getRouter())
                .isEqualTo("2001:db8:2::1"));
    }

    @Test
    void blackHoleIsSizedAndLocalised() throws Exception {
        SimulatedPath path = SimulatedPath.to(TARGET).routers(chain(1400, false)).build();
        LabTraces.Traced t = SimulatedTraces.trace(path, TARGET, TraceSettings.defaults());
        assertBlackHole(t, 1400, "10.0.2.1", 2);
        // The walk resumes behind the hole at the found size: the hops after it are listed too.
        assertThat(t.diagnosis().getHops()).as("%s", t).hasSize(4);
        assertThat(t.diagnosis().getHops().get(3).getAddress()).isEqualTo(TARGET);
    }

    @Test
    void blackHoleBehindTenPercentLoss() throws Exception {
        for (long seed = 1; seed <= 20; seed++) {
            SimulatedPath path = SimulatedPath.to(TARGET).routers(chain(1400, false)).loss(0.10, seed).build();
            LabTraces.Traced t = SimulatedTraces.trace(path, TARGET, TraceSettings.defaults());
            assertBlackHole(t, 1400, "10.0.2.1", 2);
        }
    }

    /**
     * UDP-only size search against a target that rate-limits its port unreachables (burst 6, then
     * 1/s), and routers that do the same: silence from the bucket is not taken for size.
     */
    @Test
    void rateLimitedAnswersAreNotTakenForSize() throws Exception {
        SimRouter[] routers = chain(1400, false);
        for (int i = 0; i < routers.length; i++) {
            routers[i] = routers[i].rateLimited(6, 1000);
        }
        SimulatedPath path = SimulatedPath.to(TARGET).routers(routers).targetRateLimit(6, 1000).build();
        LabTraces.Traced t = SimulatedTraces.trace(path, TARGET, TraceSettings.defaults().withEchoSizeSearch(false));
        assertBlackHole(t, 1400, "10.0.2.1", 2);
        assertThat(t.observations()).filteredOn(o -> o.getPhase() == ProbePhase.SIZE_SEARCH)
                .allMatch(o -> o.getMethod() == ProbeMethod.UDP);
        assertThat(path.elapsedMillis()).as("paused for tokens").isGreaterThanOrEqualTo(1000);
    }

    @Test
    void forgedPacketTooBigsAreCountedAndIgnored() throws Exception {
        SimulatedPath path = SimulatedPath.to(TARGET).routers(chain(1500, true)).forgedPtbs(576).build();
        LabTraces.Traced t = SimulatedTraces.trace(path, TARGET, TraceSettings.defaults());
        assertThat(t.diagnosis().getPmtu()).as("%s", t).isEqualTo(1500);
        assertThat(t.diagnosis().getInvalidPtbCount()).as("%s", t).isGreaterThanOrEqualTo(4);
        assertThat(t.diagnosis().getMtuDrops()).isEmpty();
    }

    @Test
    void udpFilteredTargetIsReachedWithEcho() throws Exception {
        SimulatedPath path = SimulatedPath.to(TARGET).routers(chain(1400, true)).udpFiltered().build();
        LabTraces.Traced t = SimulatedTraces.trace(path, TARGET, TraceSettings.defaults());
        assertThat(t.diagnosis().getPmtu()).as("%s", t).isEqualTo(1400);
        assertThat(t.observations()).as("%s", t).anyMatch(o -> o.getMethod() == ProbeMethod.ICMP_ECHO
                && o.getOutcome() == HopOutcome.DESTINATION_REACHED);
    }

    @Test
    void silentRouterIsSkipped() throws Exception {
        SimRouter[] routers = chain(1500, true);
        routers[1] = routers[1].silent();
        SimulatedPath path = SimulatedPath.to(TARGET).routers(routers).build();
        LabTraces.Traced t = SimulatedTraces.trace(path, TARGET, TraceSettings.defaults());
        assertThat(t.diagnosis().getPmtu()).as("%s", t).isEqualTo(1500);
        assertThat(t.diagnosis().getBlackHole() == null || !t.diagnosis().getBlackHole().getDetected())
                .as("a silent router is not a black hole\n%s", t).isTrue();
        assertThat(t.diagnosis().getHops().get(3).getAddress()).isEqualTo(TARGET);
    }

    private static void assertBlackHole(LabTraces.Traced t, int pmtu, String router, int lastTtl) {
        assertThat(t.diagnosis().getPmtu()).as("%s", t).isEqualTo(pmtu);
        BlackHole hole = t.diagnosis().getBlackHole();
        assertThat(hole).as("%s", t).isNotNull();
        assertThat(hole.getDetected()).as("%s", t).isTrue();
        assertThat(hole.getRouter()).as("%s", t).isEqualTo(router);
        assertThat(hole.getLastRespondingTtl()).as("%s", t).isEqualTo(lastTtl);
        assertThat(hole.getLargestOk()).isEqualTo(pmtu);
        assertThat(hole.getSmallestLost()).isEqualTo(pmtu + 1);
    }
}
