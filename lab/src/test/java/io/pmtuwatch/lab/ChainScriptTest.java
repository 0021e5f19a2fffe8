package io.pmtuwatch.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChainScriptTest {

    private static final List<String> NS = List.of("a", "r1", "r2", "r3", "s");

    @Test
    void routersRouteBackTowardsTheAgentAndForwardTowardsTheServer() {
        List<String> lines = new ChainScript(Topologies.mtu1400(), NS).lines();
        assertThat(lines).contains(
                "ip -n r2 -4 route add default via 10.0.2.2",
                "ip -n r2 -4 route add 10.0.0.0/24 via 10.0.1.1",
                "ip -n r3 -6 route add fd00:0:0:1::/64 via fd00:0:0:2::1",
                "ip -n s -4 route add default via 10.0.3.1",
                "ip -n r2 link set right mtu 1400 up");
    }

    @Test
    void blackHoleDropsTheRoutersOwnPtbInBothFamilies() {
        List<String> lines = new ChainScript(Topologies.blackHole(), NS).lines();
        assertThat(lines).contains(
                "ip netns exec r2 iptables -A OUTPUT -p icmp --icmp-type fragmentation-needed -j DROP",
                "ip netns exec r2 ip6tables -A OUTPUT -p ipv6-icmp --icmpv6-type packet-too-big -j DROP");
    }

    @Test
    void narrowIpv4LinkCarriesNoIpv6() {
        List<String> lines = new ChainScript(Topologies.below576(), NS).lines();
        assertThat(lines).noneMatch(l -> l.contains("-6 route"));
    }

    @Test
    void groundTruthNamesDropRouterNextHopAndBlackHole() {
        GroundTruth truth = GroundTruth.of(Topologies.transitFilter());
        assertThat(truth.pmtu()).isEqualTo(1400);
        assertThat(truth.drops(Family.V4)).containsExactly(
                new ExpectedDrop(3, "10.0.2.2", "10.0.3.2", 1500, 1400, false));
        assertThat(truth.blackHole(Family.V6)).hasValueSatisfying(hole -> {
            assertThat(hole.router()).isEqualTo("fd00:0:0:2::2");
            assertThat(hole.lastRespondingTtl()).isEqualTo(3);
            assertThat(hole.filteringRouterTtl()).isEqualTo(2);
        });
        assertThat(GroundTruth.of(Topologies.mtu1400()).blackHole(Family.V4)).isEmpty();
        assertThat(GroundTruth.of(Topologies.ipv6Tunnel1280()).serverMss(Family.V6)).isEqualTo(1440);
    }

    @Test
    void namespaceNamesCarryTheOwnerPid() {
        String id = LabNames.newLabId();
        assertThat(LabNames.ownerPid(LabNames.namespace(id, "r1"))).contains(ProcessHandle.current().pid());
        assertThat(LabNames.ownerPid("other-ns")).isEmpty();
    }
}
