package io.pmtuwatch.lab;

/**
 * Addresses of a chain: link i is 10.0.i.0/24 and fd00:0:0:i::/64, the node on its agent side
 * holding .1 / ::1, the node on the server side .2 / ::2. Every lab lives in its own namespaces,
 * so the same private addresses serve every lab at once. VXLAN underlays use 172.16.i.0/30.
 */
public final class ChainAddressing {

    private ChainAddressing() {
    }

    /** Address of node {@code node} on link {@code link} (the node must be one of the link's ends). */
    public static String address(Family family, int link, int node) {
        int host = node == link ? 1 : 2;
        if (node != link && node != link + 1) {
            throw new IllegalArgumentException("node " + node + " is not on link " + link);
        }
        return family == Family.V4 ? "10.0." + link + "." + host : "fd00:0:0:" + link + "::" + host;
    }

    public static String subnet(Family family, int link) {
        return family == Family.V4 ? "10.0." + link + ".0/24" : "fd00:0:0:" + link + "::/64";
    }

    public static int prefixLength(Family family) {
        return family == Family.V4 ? 24 : 64;
    }

    /** Source address of ICMP errors from node {@code k}: its address towards the agent. */
    public static String facingAgent(Family family, int node) {
        return address(family, node - 1, node);
    }

    public static String underlay(int link, int node) {
        return "172.16." + link + "." + (node == link ? 1 : 2);
    }
}
