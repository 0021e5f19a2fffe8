package io.pmtuwatch.probe.packet;

/**
 * The layers a frame was wrapped in before its innermost IP packet. Kept as bits of an int (see
 * {@link Encapsulations}) so decoding a frame allocates no set.
 */
public enum Encapsulation {
    VLAN,
    /** Two or more stacked 802.1Q/802.1ad tags. */
    QINQ,
    MPLS,
    PPPOE,
    LINUX_COOKED,
    GRE,
    /** IPv4 in IPv4 (protocol 4 over IPv4). */
    IPV4_IN_IPV4,
    /** 6in4: IPv6 in IPv4 (protocol 41), e.g. Hurricane Electric tunnels. */
    IPV6_IN_IPV4,
    /** 4in6: IPv4 in IPv6 (next header 4), e.g. lw4o6 / DS-Lite softwires. */
    IPV4_IN_IPV6,
    IPV6_IN_IPV6,
    VXLAN;

    public int bit() {
        return 1 << ordinal();
    }
}
