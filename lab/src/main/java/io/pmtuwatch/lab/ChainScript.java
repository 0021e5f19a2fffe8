package io.pmtuwatch.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The shell lines that build a {@link ChainSpec} in the given namespaces. Pure (strings only) so the
 * set-up can be read and tested without root. Interfaces are called {@code left} (towards the agent)
 * and {@code right} (towards the server) in every namespace; VXLAN underlays {@code uleft}/{@code uright}.
 */
final class ChainScript {

    private final ChainSpec spec;
    private final List<String> ns;

    /** @param namespaces node 0 (agent) .. node n + 1 (server) */
    ChainScript(ChainSpec spec, List<String> namespaces) {
        if (namespaces.size() != spec.links().size() + 1) {
            throw new IllegalArgumentException("need one namespace per node");
        }
        this.spec = spec;
        this.ns = List.copyOf(namespaces);
    }

    List<String> lines() {
        List<String> out = new ArrayList<>();
        for (int node = 0; node < ns.size(); node++) {
            out.add("ip netns add " + ns.get(node));
        }
        for (int node = 0; node < ns.size(); node++) {
            out.add(ip(node, "link set lo up"));
            // DAD would leave IPv6 addresses tentative for a second or two; forwarding on everywhere is harmless.
            out.add(exec(node, "sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1"
                    + " net.ipv6.conf.default.accept_dad=0 net.ipv6.conf.all.accept_dad=0"));
        }
        // Unprivileged ICMP echo sockets for the agent, as systemd distributions allow by default.
        out.add(exec(0, "sysctl -qw net.ipv4.ping_group_range='0 2147483647'"));
        for (int link = 0; link < spec.links().size(); link++) {
            links(out, link);
        }
        for (int node = 0; node < ns.size(); node++) {
            routes(out, node, Family.V4);
            if (spec.carriesIpv6()) {
                routes(out, node, Family.V6);
            }
        }
        spec.returnLink().ifPresent(link -> out.addAll(link.lines(ns, spec.carriesIpv6(), spec.addressBlock())));
        rules(out);
        return out;
    }

    private void links(List<String> out, int link) {
        LinkSpec spec = this.spec.links().get(link);
        int l = link;
        int r = link + 1;
        if (spec.vxlan()) {
            out.add(ip(l, "link add uright type veth peer name uleft netns " + ns.get(r)));
            out.add(ip(l, "link set uright mtu " + LinkSpec.UNDERLAY_MTU + " up"));
            out.add(ip(r, "link set uleft mtu " + LinkSpec.UNDERLAY_MTU + " up"));
            out.add(ip(l, "addr add " + ChainAddressing.underlay(link, l) + "/30 dev uright"));
            out.add(ip(r, "addr add " + ChainAddressing.underlay(link, r) + "/30 dev uleft"));
            int vni = 100 + link;
            out.add(ip(l, "link add right type vxlan id " + vni + " local " + ChainAddressing.underlay(link, l)
                    + " remote " + ChainAddressing.underlay(link, r) + " dstport 4789 dev uright"));
            out.add(ip(r, "link add left type vxlan id " + vni + " local " + ChainAddressing.underlay(link, r)
                    + " remote " + ChainAddressing.underlay(link, l) + " dstport 4789 dev uleft"));
        } else {
            out.add(ip(l, "link add right type veth peer name left netns " + ns.get(r)));
        }
        out.add(ip(l, "link set right mtu " + spec.mtu() + " up"));
        out.add(ip(r, "link set left mtu " + spec.mtu() + " up"));
        for (Family family : Family.values()) {
            if (family == Family.V6 && !spec.carriesIpv6()) {
                continue;
            }
            String flags = family == Family.V6 ? " nodad" : "";
            int prefix = ChainAddressing.prefixLength(family);
            out.add(ip(l, "addr add " + ChainAddressing.address(this.spec.addressBlock(), family, link, l) + "/" + prefix + " dev right" + flags));
            out.add(ip(r, "addr add " + ChainAddressing.address(this.spec.addressBlock(), family, link, r) + "/" + prefix + " dev left" + flags));
        }
    }

    private void routes(List<String> out, int node, Family family) {
        String v = family == Family.V6 ? "-6 " : "-4 ";
        int server = ns.size() - 1;
        if (node < server) {
            // Towards the server: everything not connected goes right.
            out.add(ip(node, v + "route add default via " + ChainAddressing.address(this.spec.addressBlock(), family, node, node + 1)));
            // Back towards the agent: subnets beyond the left neighbour go via its right-hand address.
            for (int link = 0; link < node - 1; link++) {
                String back = ChainAddressing.address(this.spec.addressBlock(), family, node - 1, node - 1);
                out.add(ip(node, v + "route add " + ChainAddressing.subnet(this.spec.addressBlock(), family, link) + " via " + back));
            }
        } else {
            String advmss = spec.serverAdvmss().map(m -> " advmss " + m).orElse("");
            out.add(ip(node, v + "route add default via " + ChainAddressing.address(this.spec.addressBlock(), family, node - 1, node - 1) + advmss));
        }
    }

    private void rules(List<String> out) {
        for (int router = 1; router <= spec.routerCount(); router++) {
            if (spec.dropsOwnPtb(router)) {
                out.add(exec(router, "iptables -A OUTPUT -p icmp --icmp-type fragmentation-needed -j DROP"));
                out.add(exec(router, "ip6tables -A OUTPUT -p ipv6-icmp --icmpv6-type packet-too-big -j DROP"));
            }
            if (spec.filtersPtbInTransit(router)) {
                out.add(exec(router, "iptables -A FORWARD -p icmp --icmp-type fragmentation-needed -j DROP"));
                out.add(exec(router, "ip6tables -A FORWARD -p ipv6-icmp --icmpv6-type packet-too-big -j DROP"));
            }
        }
        for (Map.Entry<Integer, Integer> clamp : spec.clampMss().entrySet()) {
            for (String tool : List.of("iptables", "ip6tables")) {
                out.add(exec(clamp.getKey(), tool + " -t mangle -A FORWARD -p tcp --tcp-flags SYN,RST SYN -j TCPMSS --set-mss "
                        + clamp.getValue()));
            }
        }
        for (Map.Entry<Integer, Double> loss : spec.loss().entrySet()) {
            for (String tool : List.of("iptables", "ip6tables")) {
                out.add(exec(loss.getKey(), tool + " -A FORWARD -m statistic --mode random --probability "
                        + loss.getValue() + " -j DROP"));
            }
        }
        if (spec.serverDropsPtb()) {
            int server = ns.size() - 1;
            out.add(exec(server, "iptables -A INPUT -p icmp --icmp-type fragmentation-needed -j DROP"));
            out.add(exec(server, "ip6tables -A INPUT -p ipv6-icmp --icmpv6-type packet-too-big -j DROP"));
        }
        if (spec.udpFiltered()) {
            int server = ns.size() - 1;
            out.add(exec(server, "iptables -A INPUT -p udp -j DROP"));
            out.add(exec(server, "ip6tables -A INPUT -p udp -j DROP"));
        }
        if (spec.echoFiltered()) {
            int server = ns.size() - 1;
            out.add(exec(server, "iptables -A INPUT -p icmp --icmp-type echo-request -j DROP"));
            out.add(exec(server, "ip6tables -A INPUT -p ipv6-icmp --icmpv6-type echo-request -j DROP"));
        }
    }

    private String ip(int node, String command) {
        return "ip -n " + ns.get(node) + " " + command;
    }

    private String exec(int node, String command) {
        return "ip netns exec " + ns.get(node) + " " + command;
    }

    /** Deleting a namespace deletes its interfaces, their peers and its rules. */
    static List<String> teardown(List<String> namespaces) {
        return namespaces.stream().map(n -> "ip netns del " + n + " 2>/dev/null").toList();
    }
}
