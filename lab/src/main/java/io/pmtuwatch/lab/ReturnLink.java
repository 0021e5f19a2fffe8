package io.pmtuwatch.lab;

import java.util.ArrayList;
import java.util.List;

/**
 * An extra link that carries only the return direction: router {@code from} (nearer the server)
 * routes the agent's subnets over it to router {@code to} (nearer the agent), which forwards them on
 * towards the agent. Forward traffic keeps the chain, so a narrow return link is invisible to every
 * forward measurement: asymmetric routing, as on real multi-homed paths. Router {@code to} receives
 * packets from the server on an interface its route to the server does not use, hence rp_filter=0
 * there. Addresses: 10.b.99.0/24 and fd00:0:b:99::/64 of the chain's address block b, {@code to}
 * holding .1.
 */
public record ReturnLink(int from, int to, int mtu) {

    public ReturnLink {
        if (to < 1 || from <= to) {
            throw new IllegalArgumentException("a return link runs from a router nearer the server to one nearer the agent");
        }
    }

    public static String address(int block, Family family, boolean nearAgent) {
        int host = nearAgent ? 1 : 2;
        return family == Family.V4 ? "10." + block + ".99." + host : "fd00:0:" + Integer.toHexString(block) + ":99::" + host;
    }

    /** The shell lines that add it to a built chain. */
    List<String> lines(List<String> namespaces, boolean ipv6, int block) {
        String far = namespaces.get(from);
        String near = namespaces.get(to);
        List<String> out = new ArrayList<>();
        out.add("ip -n " + far + " link add rpback type veth peer name rpfwd netns " + near);
        out.add("ip -n " + far + " link set rpback mtu " + mtu + " up");
        out.add("ip -n " + near + " link set rpfwd mtu " + mtu + " up");
        out.add("ip netns exec " + near + " sysctl -qw net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0"
                + " net.ipv4.conf.rpfwd.rp_filter=0");
        for (Family family : Family.values()) {
            if (family == Family.V6 && !ipv6) {
                continue;
            }
            String v = family == Family.V6 ? "-6 " : "-4 ";
            String flags = family == Family.V6 ? " nodad" : "";
            int prefix = ChainAddressing.prefixLength(family);
            out.add("ip -n " + far + " addr add " + address(block, family, false) + "/" + prefix + " dev rpback" + flags);
            out.add("ip -n " + near + " addr add " + address(block, family, true) + "/" + prefix + " dev rpfwd" + flags);
            // The subnets on the agent's side of the near router now go back over this link.
            for (int link = 0; link < to; link++) {
                out.add("ip -n " + far + " " + v + "route replace " + ChainAddressing.subnet(block, family, link) + " via "
                        + address(block, family, true) + " dev rpback");
            }
        }
        return out;
    }
}
