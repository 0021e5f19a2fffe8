package io.pmtuwatch.probe.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pmtuwatch.probe.sim.SimRouter;
import io.pmtuwatch.probe.sim.SimulatedPath;
import io.pmtuwatch.probe.socket.SocketException;
import io.pmtuwatch.schemas.BlackHole;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.HopOutcome;
import io.pmtuwatch.schemas.ProbeMethod;
import org.junit.jupiter.api.Test;

/**
 * The tracer's decisions with TCP probes over simulated paths (no root): a target that answers TCP
 * only, behind a packet-too-big or a black hole; the automatic fallback from UDP; routers that quote
 * 8 bytes; a closed port (RST); forged packet-too-bigs; no CAP_NET_RAW.
 */
class TcpTracerSimulatedTest {

    private static final String TARGET = "198.51.100.9";
    private static final String TARGET6 = "2001:db8:9::9";
    private static final int PORT = 443;

    private static SimRouter[] chain(int mtuAfterR2, boolean r2SendsPtb) {
        SimRouter r2 = SimRouter.of("10.0.2.1", mtuAfterR2);
        return new SimRouter[] {SimRouter.of("10.0.1.1", 1500), r2SendsPtb ? r2 : r2.withoutPtb(),
                SimRouter.of("10.0.3.1", 1500)};
    }

    private static TraceSettings tcp() {
        return TraceSettings.defaults().withTcp(PORT);
    }

    @Test
    void packetTooBigOnTheWayToATcpOnlyTarget() throws Exception {
        SimulatedPath path = SimulatedPath.to(TARGET).routers(chain(1400, true)).tcpOnly().build();
        LabTraces.Traced t = SimulatedTraces.trace(path, TARGET, tcp());
        assertThat(t.diagnosis().getPmtu()).as("%s", t).isEqualTo(1400);
        assertThat(t.diagnosis().getMtuDrops()).as("%s", t).singleElement().satisfies(d -> {
            assertThat(d.getRouter()).isEqualTo("10.0.2.1");
            assertThat(d.getRouterTtl()).isEqualTo(2);
        });
        assertThat(t.diagnosis().getProbeMethod()).isEqualTo(ProbeMethod.TCP_SYN);
        assertThat(t.observations()).allMatch(o -> o.getMethod() == ProbeMethod.TCP_SYN);
        assertThat(t.diagnosis().getHops().get(3).getAddress()).as("%s", t).isEqualTo(TARGET);
        // As cheap as UDP: one probe per hop, one for the drop, one per quiet ECMP flow.
        assertThat(t.run().probesSent()).as("%s", t).isEqualTo(5 + TraceSettings.DEFAULT_QUIET_FLOWS);
    }

    @Test
    void ipv6PacketTooBig() throws Exception {
        SimulatedPath path = SimulatedPath.to(TARGET6).routers(SimRouter.of("2001:db8:1::1", 1500),
                SimRouter.of("2001:db8:2::1", 1400), SimRouter.of("2001:db8:3::1", 1500)).tcpOnly().build();
        LabTraces.Traced t = SimulatedTraces.trace(path, TARGET6, tcp());
        assertThat(t.diagnosis().getPmtu()).as("%s", t).isEqualTo(1400);
        assertThat(t.diagnosis().getMtuDrops()).singleElement()
                .satisfies(d -> assertThat(d.getRouter()).isEqualTo("2001:db8:2::1"));
    }

    @Test
    void blackHoleIsSizedAndLocalisedWithTcpAlone() throws Exception {
        SimulatedPath path = SimulatedPath.to(TARGET).routers(chain(1400, false)).tcpOnly().build();
        LabTraces.Traced t = SimulatedTraces.trace(path, TARGET, tcp());
        assertBlackHole(t);
        // The size search went by TCP: the target answers nothing else.
        assertThat(t.observations()).filteredOn(o -> o.getOutcome() == HopOutcome.DESTINATION_REACHED)
                .isNotEmpty().allMatch(o -> o.getMethod() == ProbeMethod.TCP_SYN);
        assertThat(path.elapsedMillis()).as("virtual time").isLessThan(10_000);
    }

    @Test
    void udpRunThatReachesNoTargetFallsBackToTcp() throws Exception {
        SimulatedPath path = SimulatedPath.to(TARGET).routers(chain(1400, false)).tcpOnly().build();
        LabTraces.Traced t = SimulatedTraces.trace(path, TARGET, TraceSettings.defaults().withTcpFallback(PORT));
        assertBlackHole(t);
        assertThat(t.diagnosis().getProbeMethod()).isEqualTo(ProbeMethod.TCP_SYN);
        assertThat(t.run().notes()).as("%s", t).first().asString()
                .startsWith("the target answered none of").contains("measured with TCP SYNs to port 443");
        assertThat(path.elapsedMillis()).as("virtual time, both runs").isLessThan(10_000);
        // The cost counts both attempts, as on the wire; the observations are the TCP run's alone.
        assertThat(t.run().probesSent()).isEqualTo(path.probesSent()).isGreaterThan(t.observations().size());
    }

    @Test
    void noFallbackWhenUdpOrEchoReachTheTarget() throws Exception {
        SimulatedPath path = SimulatedPath.to(TARGET).routers(chain(1400, true)).udpFiltered().build();
        LabTraces.Traced t = SimulatedTraces.trace(path, TARGET, TraceSettings.defaults().withTcpFallback(PORT));
        assertThat(t.diagnosis().getProbeMethod()).isEqualTo(ProbeMethod.ICMP_ECHO);
        assertThat(t.observations()).noneMatch(o -> o.getMethod() == ProbeMethod.TCP_SYN);
    }

    @Test
    void withoutCapNetRawTheFallbackSaysWhatToDoAndExplicitTcpFails() throws Exception {
        SimulatedPath path = SimulatedPath.to(TARGET).routers(chain(1400, true)).tcpOnly().rawSocketsRefused().build();
        LabTraces.Traced t = SimulatedTraces.trace(path, TARGET, TraceSettings.defaults().withTcpFallback(PORT));
        assertThat(t.run().notes()).as("%s", t).first().asString().contains("CAP_NET_RAW").contains("run as root");
        assertThat(t.observations()).noneMatch(o -> o.getMethod() == ProbeMethod.TCP_SYN);

        SimulatedPath refused = SimulatedPath.to(TARGET).routers(chain(1400, true)).rawSocketsRefused().build();
        assertThatThrownBy(() -> new PathTracer(tcp(), refused).trace(java.net.InetAddress.getByName(TARGET)))
                .isInstanceOf(SocketException.class).hasMessageContaining("CAP_NET_RAW");
    }

    @Test
    void eightByteQuotesStillNameTheProbe() throws Exception {
        SimulatedPath path = SimulatedPath.to(TARGET).routers(chain(1400, true)).tcpOnly().shortQuotes().build();
        LabTraces.Traced t = SimulatedTraces.trace(path, TARGET, tcp());
        assertThat(t.diagnosis().getPmtu()).as("%s", t).isEqualTo(1400);
        assertThat(t.diagnosis().getMtuDrops()).singleElement()
                .satisfies(d -> assertThat(d.getRouter()).isEqualTo("10.0.2.1"));
        assertThat(t.diagnosis().getInvalidPtbCount()).isZero();
    }

    @Test
    void closedPortAnswersWithRstAndCountsAsReached() throws Exception {
        SimulatedPath path = SimulatedPath.to(TARGET).routers(chain(1400, false)).tcpOnly().tcpPortClosed().build();
        LabTraces.Traced t = SimulatedTraces.trace(path, TARGET, tcp());
        assertBlackHole(t);
    }

    @Test
    void forgedPacketTooBigsAreIgnored() throws Exception {
        SimulatedPath path = SimulatedPath.to(TARGET).routers(chain(1500, true)).tcpOnly().forgedPtbs(576).build();
        LabTraces.Traced t = SimulatedTraces.trace(path, TARGET, tcp());
        assertThat(t.diagnosis().getPmtu()).as("%s", t).isEqualTo(1500);
        assertThat(t.diagnosis().getMtuDrops()).isEmpty();
        assertThat(t.diagnosis().getInvalidPtbCount()).as("%s", t).isGreaterThanOrEqualTo(4);
    }

    @Test
    void eachFlowKeepsItsSourcePort() throws Exception {
        SimulatedPath path = SimulatedPath.to(TARGET).routers(chain(1500, true)).tcpOnly().build();
        LabTraces.Traced t = SimulatedTraces.trace(path, TARGET, tcp());
        assertThat(path.sourcePortsUsed()).hasSize(1 + TraceSettings.DEFAULT_QUIET_FLOWS).doesNotHaveDuplicates();
        assertThat(t.observations()).filteredOn(o -> o.getFlow() == null || o.getFlow() == 0)
                .extracting(HopObservation::getSourcePort).containsOnly(path.sourcePortsUsed().get(0));
    }

    private static void assertBlackHole(LabTraces.Traced t) {
        assertThat(t.diagnosis().getPmtu()).as("%s", t).isEqualTo(1400);
        BlackHole hole = t.diagnosis().getBlackHole();
        assertThat(hole).as("%s", t).isNotNull();
        assertThat(hole.getDetected()).as("%s", t).isTrue();
        assertThat(hole.getRouter()).as("%s", t).isEqualTo("10.0.2.1");
        assertThat(hole.getLastRespondingTtl()).as("%s", t).isEqualTo(2);
        assertThat(hole.getFirstSilentTtl()).as("%s", t).isEqualTo(3);
        assertThat(hole.getLargestOk()).isEqualTo(1400);
        assertThat(hole.getSmallestLost()).isEqualTo(1401);
    }
}
