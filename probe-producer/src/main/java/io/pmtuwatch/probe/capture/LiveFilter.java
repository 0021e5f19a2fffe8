package io.pmtuwatch.probe.capture;

import java.util.List;

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
        return expression(encapsulated, List.of());
    }

    /**
     * @param watches TCP senders sent a packet-too-big: their packets to that receiver above its MTU pass
     *                too, so the sensor sees whether they resend at the old size (PTB_IGNORED)
     */
    public static String expression(boolean encapsulated, List<PtbWatch> watches) {
        StringBuilder oversized = new StringBuilder();
        for (PtbWatch w : watches) {
            oversized.append(" or ").append(oversized(w));
        }
        String wanted = "(" + SYNS + " or " + ICMP_ERRORS + (encapsulated ? " or " + ENCAPSULATED : "") + oversized
                + ")";
        // "vlan" shifts every later offset by 4 bytes, so the same test is repeated behind it.
        return wanted + " or (vlan and " + wanted + ")";
    }

    /** One watched direction of a TCP flow, packets above the MTU only (IPv6: payload length + 40). */
    static String oversized(PtbWatch w) {
        String hosts = "src host " + host(w.sender()) + " and dst host " + host(w.receiver());
        if (w.sender().address() instanceof java.net.Inet6Address) {
            return "(ip6 and ip6[6] == 6 and " + hosts + " and ip6[40:2] == " + w.sender().port() + " and ip6[42:2] == "
                    + w.receiver().port() + " and ip6[4:2] > " + (w.mtu() - 40) + ")";
        }
        return "(ip and tcp and " + hosts + " and src port " + w.sender().port() + " and dst port "
                + w.receiver().port() + " and ip[2:2] > " + w.mtu() + ")";
    }

    private static String host(Endpoint e) {
        return e.address().getHostAddress().replaceFirst("%.*$", "");
    }
}
