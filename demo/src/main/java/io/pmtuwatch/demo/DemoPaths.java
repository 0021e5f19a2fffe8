package io.pmtuwatch.demo;

import io.pmtuwatch.lab.ChainSpec;
import io.pmtuwatch.lab.EcmpLab;
import io.pmtuwatch.lab.Family;
import io.pmtuwatch.lab.Topologies;
import io.pmtuwatch.probe.returnpath.ReturnRequest;
import io.pmtuwatch.probe.trace.TraceProtocol;
import io.pmtuwatch.schemas.FindingCode;

import java.util.List;

/**
 * The demo's paths: one lab per problem of the seed and of issue 11's real networks, probed over one
 * IP version each. Every chain has its own address block (10.N.x.x / fd00:0:N:x::), so the per-link
 * view never merges two labs' links; the 1400 link is probed by two agents in the same network (one
 * site), the one place where a link-wide anomaly (LINK_MTU_DROP) is true. The ECMP lab has its own
 * fixed plan (10.0.x.x, block 0, which no chain of the demo uses).
 */
final class DemoPaths {

    /**
     * One demo path: a lab chain ({@code spec}; null for the ECMP lab), the IP version to probe it over,
     * what an operator should see, which agent of that lab probes it (two agents on one lab share its
     * links), the return-path test its agent runs ({@link ReturnRequest#OFF}: none), the finding the
     * path is in the demo for (null: the chain's ground truth says it all) and how its agent traces it
     * (the targets file's {@code probe:}).
     */
    record DemoPath(ChainSpec spec, Family family, String shows, String agentSuffix, ReturnRequest returnPath,
                    FindingCode expected, TraceProtocol probe) {

        DemoPath(ChainSpec spec, Family family, String shows) {
            this(spec, family, shows, "", ReturnRequest.OFF, null, TraceProtocol.AUTO);
        }

        DemoPath(ChainSpec spec, Family family, String shows, String agentSuffix) {
            this(spec, family, shows, agentSuffix, ReturnRequest.OFF, null, TraceProtocol.AUTO);
        }

        /** A chain whose agent also tests the return direction with an HTTP GET. */
        static DemoPath returnPath(ChainSpec spec, Family family, String shows, FindingCode expected) {
            return new DemoPath(spec, family, shows, "", ReturnRequest.HTTP, expected, TraceProtocol.AUTO);
        }

        /** A chain whose server answers TCP only, traced with {@code probe} (AUTO falls back to TCP SYNs). */
        static DemoPath tcpOnly(ChainSpec spec, Family family, String shows, TraceProtocol probe) {
            return new DemoPath(spec, family, shows, "", ReturnRequest.OFF, null, probe);
        }

        /** The ECMP lab: two equal-cost members, one crossing a 1400 link. */
        static DemoPath ecmp(String shows) {
            return new DemoPath(null, Family.V4, shows, "", ReturnRequest.OFF, FindingCode.ECMP_NARROW_MEMBER,
                    TraceProtocol.AUTO);
        }

        boolean isEcmp() {
            return spec == null;
        }

        String labName() {
            return isEcmp() ? ECMP_NAME : spec.name();
        }

        String agentId() {
            return labName() + (family == Family.V6 ? "-v6" : "-v4") + agentSuffix;
        }

        /** The server answers neither UDP nor echo: only TCP SYNs measure the path. */
        boolean isTcpOnly() {
            return spec != null && spec.udpFiltered() && spec.echoFiltered();
        }

        /** The path MTU the diagnosis must give. */
        int pmtu() {
            return isEcmp() ? EcmpLab.NARROW_MTU : io.pmtuwatch.lab.GroundTruth.of(spec).pmtu();
        }
    }

    static final String ECMP_NAME = "ecmp-1400-member";
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
            new DemoPath(Topologies.ipv6BlackHole().withAddressBlock(8), Family.V6, "IPv6 black hole"),
            DemoPath.ecmp("two equal-cost routes, only one crosses a 1400 link"),
            DemoPath.returnPath(Topologies.returnPathBlackHole().withAddressBlock(9), Family.V4,
                    "return direction: a 1400 link on the way back drops its frag-needed",
                    FindingCode.RETURN_PATH_BLACK_HOLE),
            DemoPath.returnPath(Topologies.ptbIgnoringServer().withAddressBlock(10), Family.V6,
                    "return direction: the server's firewall drops packet-too-big", FindingCode.PTB_IGNORED),
            DemoPath.tcpOnly(Topologies.tcpOnly1400().withAddressBlock(11), Family.V4,
                    "server answers TCP only: UDP finds nothing, TCP SYNs (probe: auto) find the 1400 link",
                    TraceProtocol.AUTO),
            DemoPath.tcpOnly(Topologies.tcpOnlyBlackHole().withAddressBlock(12), Family.V4,
                    "server answers TCP only, behind a black hole: measured with TCP SYNs (probe: tcp)",
                    TraceProtocol.TCP));

    private DemoPaths() {
    }
}
