package io.pmtuwatch.demo;

import io.pmtuwatch.lab.ChainSpec;
import io.pmtuwatch.lab.Family;
import io.pmtuwatch.lab.Topologies;

import java.util.List;

/** The demo's paths: one lab chain per problem of the seed, probed over one IP version each. */
final class DemoPaths {

    /** One demo path: a lab topology, the IP version to probe it over, and what an operator should see. */
    record DemoPath(ChainSpec spec, Family family, String shows) {
        String agentId() {
            return spec.name() + (family == Family.V6 ? "-v6" : "-v4");
        }
    }

    static final List<DemoPath> ALL = List.of(
            new DemoPath(Topologies.clean(), Family.V4, "healthy 1500 path"),
            new DemoPath(Topologies.mtu1400(), Family.V4, "tunnel entry: MTU drops to 1400, oversized MSS"),
            new DemoPath(Topologies.vxlan(), Family.V4, "VXLAN overlay hop (1450)"),
            new DemoPath(Topologies.blackHole(), Family.V4, "PMTUD black hole: a router drops its frag-needed"),
            new DemoPath(Topologies.mssClamp(), Family.V4, "MSS clamped to 1200 in the path"),
            new DemoPath(Topologies.below576(), Family.V4, "IPv4 PMTU below 576"),
            new DemoPath(Topologies.ipv6Tunnel1280(), Family.V6, "IPv6 1280 link, server advertises MSS 1440"),
            new DemoPath(Topologies.ipv6BlackHole(), Family.V6, "IPv6 black hole"));

    private DemoPaths() {
    }
}
