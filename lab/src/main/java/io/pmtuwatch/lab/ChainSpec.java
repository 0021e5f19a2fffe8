package io.pmtuwatch.lab;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A linear topology: agent, routers r1..rn, server, joined by links 0..n (link i joins node i and
 * node i + 1; node 0 is the agent, node n + 1 the server). Router k sits at TTL k from the agent.
 * Features attach to routers by that number. Pure description: {@link Lab} builds it.
 */
public final class ChainSpec {

    private final String name;
    private final List<LinkSpec> links;
    private final Set<Integer> dropOwnPtb;
    private final Set<Integer> filterPtbInTransit;
    private final Map<Integer, Integer> clampMss;
    private final Map<Integer, Double> loss;
    private final Optional<Integer> serverAdvmss;
    private final int tcpPort;
    private final boolean udpFiltered;
    private final boolean echoFiltered;
    private final Optional<ReturnLink> returnLink;
    private final boolean serverDropsPtb;
    private final int addressBlock;

    private ChainSpec(Builder b) {
        this.returnLink = b.returnLink;
        this.serverDropsPtb = b.serverDropsPtb;
        this.name = b.name;
        this.links = List.copyOf(b.links);
        this.dropOwnPtb = Set.copyOf(b.dropOwnPtb);
        this.filterPtbInTransit = Set.copyOf(b.filterPtbInTransit);
        this.clampMss = Map.copyOf(b.clampMss);
        this.loss = Map.copyOf(b.loss);
        this.serverAdvmss = b.serverAdvmss;
        this.tcpPort = b.tcpPort;
        this.udpFiltered = b.udpFiltered;
        this.echoFiltered = b.echoFiltered;
        this.addressBlock = 0;
    }

    private ChainSpec(ChainSpec other, int addressBlock) {
        this.returnLink = other.returnLink;
        this.serverDropsPtb = other.serverDropsPtb;
        this.name = other.name;
        this.links = other.links;
        this.dropOwnPtb = other.dropOwnPtb;
        this.filterPtbInTransit = other.filterPtbInTransit;
        this.clampMss = other.clampMss;
        this.loss = other.loss;
        this.serverAdvmss = other.serverAdvmss;
        this.tcpPort = other.tcpPort;
        this.udpFiltered = other.udpFiltered;
        this.echoFiltered = other.echoFiltered;
        this.addressBlock = addressBlock;
    }

    /**
     * The same chain on its own addresses: block {@code b} numbers link i 10.b.i.0/24 and fd00:0:b:i::/64
     * (see {@link ChainAddressing}), so labs that are reported side by side (the demo's) never share
     * router addresses. Block 0, the default, is 10.0.i.0/24.
     */
    public ChainSpec withAddressBlock(int block) {
        if (block < 0 || block > 255) {
            throw new IllegalArgumentException("address block must be 0..255: " + block);
        }
        return new ChainSpec(this, block);
    }

    public int addressBlock() {
        return addressBlock;
    }

    public static Builder named(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    public List<LinkSpec> links() {
        return links;
    }

    public int routerCount() {
        return links.size() - 1;
    }

    /** TTL at which the server answers. */
    public int serverTtl() {
        return links.size();
    }

    public boolean dropsOwnPtb(int router) {
        return dropOwnPtb.contains(router);
    }

    public boolean filtersPtbInTransit(int router) {
        return filterPtbInTransit.contains(router);
    }

    public Map<Integer, Integer> clampMss() {
        return clampMss;
    }

    public Map<Integer, Double> loss() {
        return loss;
    }

    public Optional<Integer> serverAdvmss() {
        return serverAdvmss;
    }

    public int tcpPort() {
        return tcpPort;
    }

    public boolean udpFiltered() {
        return udpFiltered;
    }

    /** The server drops ICMP echo requests (pings get no reply). */
    public boolean echoFiltered() {
        return echoFiltered;
    }

    /** The link that carries only the return direction, when there is one. */
    public Optional<ReturnLink> returnLink() {
        return returnLink;
    }

    /** The server drops incoming frag-needed / packet-too-big: it keeps sending what does not fit. */
    public boolean serverDropsPtb() {
        return serverDropsPtb;
    }

    /** IPv6 runs end to end only when every link can carry it. */
    public boolean carriesIpv6() {
        return links.stream().allMatch(LinkSpec::carriesIpv6);
    }

    public static final class Builder {
        private final String name;
        private final List<LinkSpec> links = new ArrayList<>();
        private final Set<Integer> dropOwnPtb = new HashSet<>();
        private final Set<Integer> filterPtbInTransit = new HashSet<>();
        private final Map<Integer, Integer> clampMss = new HashMap<>();
        private final Map<Integer, Double> loss = new HashMap<>();
        private Optional<Integer> serverAdvmss = Optional.empty();
        private int tcpPort = 8080;
        private boolean udpFiltered;
        private boolean echoFiltered;
        private Optional<ReturnLink> returnLink = Optional.empty();
        private boolean serverDropsPtb;

        private Builder(String name) {
            this.name = name;
        }

        public Builder link(int mtu) {
            links.add(LinkSpec.veth(mtu));
            return this;
        }

        public Builder vxlanLink() {
            links.add(LinkSpec.vxlanOverlay());
            return this;
        }

        /** Router {@code k} drops the frag-needed / packet-too-big it generates itself: the classic black hole. */
        public Builder dropOwnPtb(int router) {
            dropOwnPtb.add(router);
            return this;
        }

        /** Router {@code k} drops frag-needed / packet-too-big it forwards (sent by routers further out). */
        public Builder filterPtbInTransit(int router) {
            filterPtbInTransit.add(router);
            return this;
        }

        public Builder clampMss(int router, int mss) {
            clampMss.put(router, mss);
            return this;
        }

        /** Router {@code k} drops this fraction of everything it forwards, both directions. */
        public Builder loss(int router, double probability) {
            loss.put(router, probability);
            return this;
        }

        /** The server's routes advertise this MSS (route attribute advmss), whatever its interface MTU. */
        public Builder serverAdvmss(int mss) {
            serverAdvmss = Optional.of(mss);
            return this;
        }

        public Builder tcpPort(int port) {
            tcpPort = port;
            return this;
        }

        /** The server drops all UDP: traceroute-style probes get no port unreachable. */
        public Builder udpFiltered() {
            udpFiltered = true;
            return this;
        }

        /**
         * The server answers TCP only, as most production servers behind a firewall: it drops all UDP
         * and ICMP echo requests (no port unreachable, no echo reply).
         */
        public Builder tcpOnly() {
            udpFiltered = true;
            echoFiltered = true;
            return this;
        }

        /** Router {@code from} sends the agent's traffic back over a separate link of {@code mtu} to router {@code to}. */
        public Builder returnLink(int from, int to, int mtu) {
            returnLink = Optional.of(new ReturnLink(from, to, mtu));
            return this;
        }

        /** The server's firewall drops incoming frag-needed / packet-too-big (it "ignores PMTUD"). */
        public Builder serverDropsPtb() {
            serverDropsPtb = true;
            return this;
        }

        public ChainSpec build() {
            if (links.size() < 2) {
                throw new IllegalArgumentException("a chain needs at least one router (two links)");
            }
            return new ChainSpec(this);
        }
    }
}
