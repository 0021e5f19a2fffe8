package io.pmtuwatch.probe.capture;

/**
 * The BPF expression of the passive sensor: TCP segments with SYN set (SYN and SYN-ACK), and ICMP /
 * ICMPv6 errors (unreachable incl. frag-needed, time exceeded, packet too big), untagged or behind
 * one 802.1Q tag. Everything else stays in the kernel. Pure.
 *
 * <p>libpcap cannot index the TCP header over IPv6 ({@code tcp[]} is IPv4-only), so IPv6 uses fixed
 * offsets valid without extension headers, which is how SYNs and ICMPv6 errors travel in practice.
 */
public final class LiveFilter {

    static final String SYNS = "(ip and tcp and (tcp[tcpflags] & tcp-syn) != 0)"
            + " or (ip6 and ip6[6] == 6 and (ip6[53] & 0x02) != 0)";
    static final String ICMP_ERRORS = "(icmp and (icmp[icmptype] == icmp-unreach or icmp[icmptype] == icmp-timxceed))"
            + " or (ip6 and ip6[6] == 58 and ip6[40] >= 1 and ip6[40] <= 3)";

    private LiveFilter() {
    }

    public static String expression() {
        String wanted = "(" + SYNS + " or " + ICMP_ERRORS + ")";
        // "vlan" shifts every later offset by 4 bytes, so the same test is repeated behind it.
        return wanted + " or (vlan and " + wanted + ")";
    }
}
