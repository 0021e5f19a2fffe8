package io.pmtuwatch.demo;

import io.pmtuwatch.lab.ChainSpec;
import io.pmtuwatch.lab.Family;
import io.pmtuwatch.lab.Topologies;

import java.util.List;

/**
 * The demo's paths: one lab chain per problem of the seed, probed over one IP version each. Every
 * chain has its own address block (10.N.x.x / fd00:0:N:x::), so the per-link view never merges two
 * labs' links; the 1400 link is probed by two agents in the same network (one site), the one place
 * where a link-wide anomaly (LINK_MTU_DROP) is true.
 */
final class DemoPaths {

    /**
     * One demo path: a lab topology, the IP version to probe it over, what an operator should see, and
     * which agent of that lab probes it (two agents on one lab share its links).
     */
    record DemoPath(ChainSpec spec, Family family, String shows, String agentSuffix) {
        DemoPath(ChainSpec spec, Family family, String shows) {
            this(spec, family, shows, "");
        }

        String agentId() {
            return spec.name() + (family == Family.V6 ? "-v6" : "-v4") + agentSuffix;
        }
    }

    private static final ChainSpec LINK_1400 = Topologies.mtu1400().withAddressBlock(2);

    static final List<DemoPath> ALL = List.of(
            new DemoPath(Topologies.clean().withAddressBlock(1), Family.V4, "healthy 1500 path"),
            new DemoPath(LINK_1400, Family.V4, "tunnel entry: MTU drops to 1400, oversized MSS"),
            new DemoPath(LINK_1400, Family.V4, "a second agent on the same network: the 1400 link is link-wide",
                    "-b"),
            new DemoPath(Topologies.vxlan().withAddressBlock(3), Family.V4, "VXLAN overlay hop (1450)"),
            new DemoPath(Topologies.blackHole().withAddressBlock(4), Family.V4,
                    "PMTUD black hole: a router drops its frag-needed"),
            new DemoPath(Topologies.mssClamp().withAddressBlock(5), Family.V4, "MSS clamped to 1200 in the path"),
            new DemoPath(Topologies.below576().withAddressBlock(6), Family.V4, "IPv4 PMTU below 576"),
            new DemoPath(Topologies.ipv6Tunnel1280().withAddressBlock(7), Family.V6,
                    "IPv6 1280 link, server advertises MSS 1440"),
            new DemoPath(Topologies.ipv6BlackHole().withAddressBlock(8), Family.V6, "IPv6 black hole"));

    private DemoPaths() {
    }
}
