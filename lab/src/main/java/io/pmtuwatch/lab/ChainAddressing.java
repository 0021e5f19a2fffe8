package io.pmtuwatch.lab;

/**
 * Addresses of a chain: link i of address block b is 10.b.i.0/24 and fd00:0:b:i::/64 (b in hex), the
 * node on its agent side holding .1 / ::1, the node on the server side .2 / ::2. Every lab lives in
 * its own namespaces, so the same private addresses serve every lab at once; block 0 is the default,
 * other blocks keep labs that are reported together apart (see {@link ChainSpec#withAddressBlock}).
 * VXLAN underlays (inside the lab only) use 172.16.i.0/30.
 */
public final class ChainAddressing {

    private ChainAddressing() {
    }

    /** Address of node {@code node} on link {@code link} (the node must be one of the link's ends). */
    public static String address(Family family, int link, int node) {
        return address(0, family, link, node);
    }

    public static String address(int block, Family family, int link, int node) {
        int host = node == link ? 1 : 2;
        if (node != link && node != link + 1) {
            throw new IllegalArgumentException("node " + node + " is not on link " + link);
        }
        return family == Family.V4 ? "10." + block + "." + link + "." + host
                : "fd00:0:" + Integer.toHexString(block) + ":" + link + "::" + host;
    }

    public static String subnet(Family family, int link) {
        return subnet(0, family, link);
    }

    public static String subnet(int block, Family family, int link) {
        return family == Family.V4 ? "10." + block + "." + link + ".0/24"
                : "fd00:0:" + Integer.toHexString(block) + ":" + link + "::/64";
    }

    public static int prefixLength(Family family) {
        return family == Family.V4 ? 24 : 64;
    }

    /** Source address of ICMP errors from node {@code k}: its address towards the agent. */
    public static String facingAgent(Family family, int node) {
        return facingAgent(0, family, node);
    }

    public static String facingAgent(int block, Family family, int node) {
        return address(block, family, node - 1, node);
    }

    public static String underlay(int link, int node) {
        return "172.16." + link + "." + (node == link ? 1 : 2);
    }
}
