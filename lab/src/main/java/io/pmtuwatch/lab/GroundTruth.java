package io.pmtuwatch.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a correct measurement must find on a chain, derived from its specification (not from any
 * measurement): PMTU, every MTU drop with its router and next hop, the black hole, the server's
 * advertised MSS and the clamp.
 */
public final class GroundTruth {

    private final ChainSpec spec;

    GroundTruth(ChainSpec spec) {
        this.spec = spec;
    }

    public static GroundTruth of(ChainSpec spec) {
        return new GroundTruth(spec);
    }

    /** MTU of the agent's own interface. */
    public int localMtu() {
        return spec.links().get(0).mtu();
    }

    public int pmtu() {
        return spec.links().stream().mapToInt(LinkSpec::mtu).min().orElseThrow();
    }

    public int serverTtl() {
        return spec.serverTtl();
    }

    public String agentAddress(Family family) {
        return ChainAddressing.address(spec.addressBlock(), family, 0, 0);
    }

    public String serverAddress(Family family) {
        return ChainAddressing.facingAgent(spec.addressBlock(), family, spec.serverTtl());
    }

    /** Address from which the hop at {@code ttl} answers (routers and the server answer from the side facing the agent). */
    public String hopAddress(Family family, int ttl) {
        return ChainAddressing.facingAgent(spec.addressBlock(), family, ttl);
    }

    /** Every link after the agent's own where the path MTU falls, in path order. */
    public List<ExpectedDrop> drops(Family family) {
        List<ExpectedDrop> drops = new ArrayList<>();
        int running = localMtu();
        boolean filteredBefore = false;
        for (int link = 1; link < spec.links().size(); link++) {
            int router = link;
            int mtu = spec.links().get(link).mtu();
            if (mtu < running) {
                boolean reaches = !spec.dropsOwnPtb(router) && !filteredBefore;
                drops.add(new ExpectedDrop(router, hopAddress(family, router), hopAddress(family, router + 1),
                        running, mtu, reaches));
                running = mtu;
            }
            filteredBefore |= spec.filtersPtbInTransit(router);
        }
        return List.copyOf(drops);
    }

    /** The first drop whose PTB never reaches the agent, when there is one. */
    public Optional<ExpectedBlackHole> blackHole(Family family) {
        return drops(family).stream().filter(d -> !d.ptbReachesAgent()).findFirst().map(d -> new ExpectedBlackHole(
                d.routerTtl(), d.router(), d.nextHop(), pmtu(), filteringRouter(d.routerTtl())));
    }

    private int filteringRouter(int dropRouter) {
        if (spec.dropsOwnPtb(dropRouter)) {
            return dropRouter;
        }
        for (int r = 1; r < dropRouter; r++) {
            if (spec.filtersPtbInTransit(r)) {
                return r;
            }
        }
        return dropRouter;
    }

    /** MSS the server advertises in its SYN-ACK when nothing rewrites it. */
    public int serverMss(Family family) {
        int headers = family == Family.V4 ? 40 : 60;
        return spec.serverAdvmss().orElse(spec.links().get(spec.links().size() - 1).mtu() - headers);
    }

    /** Router (by TTL) that clamps the MSS of forwarded SYNs, and the MSS it sets. */
    public Map<Integer, Integer> clamps() {
        return spec.clampMss();
    }

    public int tcpPort() {
        return spec.tcpPort();
    }

    public Map<Integer, Double> loss() {
        return spec.loss();
    }
}
