package io.pmtuwatch.probe.capture;

/**
 * The BPF expression of the passive sensor: TCP segments with SYN set (SYN and SYN-ACK), and ICMP /
 * ICMPv6 errors (unreachable incl. frag-needed, time exceeded, packet too big), untagged or behind
 * one 802.1Q tag. Everything else stays in the kernel. Pure.
 *
 * <p>libpcap cannot index the TCP header over IPv6 ({@code tcp[]} is IPv4-only), so IPv6 uses fixed
 * offsets valid without extension headers, which is how SYNs and ICMPv6 errors travel in practice.
 *
 * <p>BPF cannot look inside tunnels, so {@link #expression(boolean) expression(true)} also lets every
 * tunnelled packet (GRE, IP-in-IP, 6in4/4in6, VXLAN on UDP 4789) and every IPv6 packet that starts with an
 * extension header reach the decoder, which finds the SYNs and ICMP errors inside. On a tunnel endpoint
 * that is most of the traffic, hence a choice, not the default. MPLS and PPPoE stay out: their BPF
 * keywords shift the offsets of everything after them.
 */
public final class LiveFilter {

    static final String SYNS = "(ip and tcp and (tcp[tcpflags] & tcp-syn) != 0)"
            + " or (ip6 and ip6[6] == 6 and (ip6[53] & 0x02) != 0)";
    static final String ICMP_ERRORS = "(icmp and (icmp[icmptype] == icmp-unreach or icmp[icmptype] == icmp-timxceed))"
            + " or (ip6 and ip6[6] == 58 and ip6[40] >= 1 and ip6[40] <= 3)";

    private LiveFilter() {
    }

    /** IPv4/IPv6 carrying GRE (47), IPv4 (4) or IPv6 (41), VXLAN, and IPv6 with an extension header first. */
    static final String ENCAPSULATED = "(ip and (ip proto 47 or ip proto 4 or ip proto 41))"
            + " or (ip6 and (ip6[6] == 47 or ip6[6] == 4 or ip6[6] == 41))"
            + " or (udp dst port 4789)"
            + " or (ip6 and (ip6[6] == 0 or ip6[6] == 43 or ip6[6] == 44 or ip6[6] == 60))";

    public static String expression() {
        return expression(false);
    }

    /** @param encapsulated also pass tunnelled packets and IPv6 with extension headers (see the class doc) */
    public static String expression(boolean encapsulated) {
        String wanted = "(" + SYNS + " or " + ICMP_ERRORS + (encapsulated ? " or " + ENCAPSULATED : "") + ")";
        // "vlan" shifts every later offset by 4 bytes, so the same test is repeated behind it.
        return wanted + " or (vlan and " + wanted + ")";
    }
}
