package io.pmtuwatch.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LinkIdsTest {

    /** A diagnosis from agent {@code agent} at {@code location} over hops {@code addresses} (TTL 1..n). */
    private static PathDiagnosis path(String agent, String location, String... addresses) {
        List<DiagnosedHop> hops = new ArrayList<>();
        for (int i = 0; i < addresses.length; i++) {
            hops.add(DiagnosedHop.newBuilder().setTtl(i + 1).setAddress(addresses[i]).setOutcome(HopOutcome.TIME_EXCEEDED)
                    .build());
        }
        Target target = Target.newBuilder().setHost("t").setAddress("192.0.2.80").setPort(443)
                .setIpVersion(IpVersion.IPV4).setTransport(Transport.TCP).build();
        return PathDiagnosis.newBuilder().setPathId("p").setAgent(Agent.newBuilder().setId(agent).setLocation(location)
                        .build()).setTarget(target).setDiagnosedAt(Instant.EPOCH).setFirstObservationAt(Instant.EPOCH)
                .setOrigin(Origin.ACTIVE).setPmtuSource(PmtuSource.PTB).setMss(MssSummary.newBuilder().build()).setHops(hops)
                .setFindings(List.of()).setStatus(Severity.INFO).setComplete(true).setProbesSent(0)
                .setInvalidPtbCount(0).build();
    }

    private static MtuDrop drop(String router, int ttl, String next) {
        return MtuDrop.newBuilder().setRouter(router).setRouterTtl(ttl).setNextHop(next).setFromMtu(1500).setToMtu(1400)
                .setLikelyCause("x").build();
    }

    @Test
    void aPublicPairIsOneLinkForEveryAgent() {
        MtuDrop drop = drop("198.51.100.1", 2, "198.51.100.2");

        assertThat(LinkIds.of(path("fra-1", "Frankfurt", "10.0.0.1", "198.51.100.1", "198.51.100.2"), drop))
                .isEqualTo("198.51.100.1>198.51.100.2")
                .isEqualTo(LinkIds.of(path("nyc-1", "New York", "172.16.0.1", "198.51.100.1", "198.51.100.2"), drop));
    }

    @Test
    void aPrivatePairIsScopedByTheLastPublicHopBeforeIt() {
        MtuDrop drop = drop("10.0.0.1", 3, "10.0.0.2");
        PathDiagnosis viaA = path("fra-1", "Frankfurt", "192.168.1.1", "203.0.113.9", "10.0.0.1", "10.0.0.2");
        PathDiagnosis viaAFromElsewhere = path("nyc-1", "New York", "172.16.0.1", "203.0.113.9", "10.0.0.1", "10.0.0.2");
        PathDiagnosis viaB = path("fra-1", "Frankfurt", "192.168.1.1", "203.0.113.77", "10.0.0.1", "10.0.0.2");

        assertThat(LinkIds.of(viaA, drop)).isEqualTo("10.0.0.1>10.0.0.2@via:203.0.113.9")
                .as("two agents entering the same network share its links").isEqualTo(LinkIds.of(viaAFromElsewhere, drop))
                .as("another network's 10.0.0.1 > 10.0.0.2 is another link").isNotEqualTo(LinkIds.of(viaB, drop));
    }

    @Test
    void aPrivatePathWithoutAPublicHopIsScopedByTheAgentsSite() {
        MtuDrop drop = drop("10.0.1.2", 2, "10.0.2.2");

        String frankfurt = LinkIds.of(path("fra-1", "Frankfurt", "10.0.0.2", "10.0.1.2", "10.0.2.2"), drop);
        String frankfurtToo = LinkIds.of(path("fra-2", "Frankfurt", "10.0.0.2", "10.0.1.2", "10.0.2.2"), drop);
        String paris = LinkIds.of(path("par-1", "Paris", "10.0.0.2", "10.0.1.2", "10.0.2.2"), drop);
        String noLocation = LinkIds.of(path("lab-7", null, "10.0.0.2", "10.0.1.2", "10.0.2.2"), drop);

        assertThat(frankfurt).isEqualTo("10.0.1.2>10.0.2.2@site:Frankfurt").isEqualTo(frankfurtToo).isNotEqualTo(paris);
        assertThat(noLocation).isEqualTo("10.0.1.2>10.0.2.2@site:lab-7");
    }

    @Test
    void aPrivateRouterFacingAPublicNextHopIsGlobal() {
        assertThat(LinkIds.of(path("fra-1", "F", "10.0.0.1", "10.9.9.1", "198.51.100.7"), drop("10.9.9.1", 2,
                "198.51.100.7"))).isEqualTo("10.9.9.1>198.51.100.7");
    }

    @ParameterizedTest
    @CsvSource({"10.1.2.3, true", "172.31.0.1, true", "172.32.0.1, false", "192.168.0.1, true", "100.64.0.1, true",
            "100.127.255.254, true", "100.128.0.1, false", "169.254.1.1, true", "127.0.0.1, true", "8.8.8.8, false",
            "fd00:0:0:3::2, true", "fc12::1, true", "fe80::1, true", "2001:db8::1, false", "2001:db8::1%1, false",
            "not-an-address, true", "router.example, true", "*, true", "8.8.8.8/24, true"})
    void privateAddresses(String address, boolean isPrivate) {
        assertThat(PrivateAddresses.isPrivate(address)).isEqualTo(isPrivate);
    }
}
