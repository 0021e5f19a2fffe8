package io.pmtuwatch.lab;

import java.util.List;

/**
 * The lab's cases, each a chain agent - r1 - r2 - r3 - server (TTLs 1..4) unless said otherwise.
 * Their {@link GroundTruth} follows from the specification.
 */
public final class Topologies {

    private Topologies() {
    }

    /** Every link 1500: PMTU is the local MTU. */
    public static ChainSpec clean() {
        return ChainSpec.named("clean-1500").link(1500).link(1500).link(1500).link(1500).build();
    }

    /** r2 - r3 is 1400: r2 sends the PTB. */
    public static ChainSpec mtu1400() {
        return ChainSpec.named("link-1400").link(1500).link(1500).link(1400).link(1500).build();
    }

    /** r2 - r3 is a real VXLAN overlay over a 1500 underlay (MTU 1450). */
    public static ChainSpec vxlan() {
        return ChainSpec.named("vxlan-1450").link(1500).link(1500).vxlanLink().link(1500).build();
    }

    /** r2 - r3 is 1400 and r2 drops its own frag-needed / packet-too-big: a black hole after r2. */
    public static ChainSpec blackHole() {
        return ChainSpec.named("black-hole-1400").link(1500).link(1500).link(1400).link(1500).dropOwnPtb(2).build();
    }

    /** r3 - server is 1400; r3's PTB is dropped in transit by r2: big packets die after r3. */
    public static ChainSpec transitFilter() {
        return ChainSpec.named("ptb-filtered-in-transit").link(1500).link(1500).link(1500).link(1400)
                .filterPtbInTransit(2).build();
    }

    /** r2 - r3 is 552 (IPv4 only: no IPv6 below 1280): an undersized IPv4 PMTU. */
    public static ChainSpec below576() {
        return ChainSpec.named("ipv4-552").link(1500).link(1500).link(552).link(1500).build();
    }

    /** r2 - r3 is 1280 (an IPv6 tunnel at the minimum) and the server advertises MSS 1440 anyway. */
    public static ChainSpec ipv6Tunnel1280() {
        return ChainSpec.named("ipv6-1280-mss1440").link(1500).link(1500).link(1280).link(1500).serverAdvmss(1440)
                .build();
    }

    /** r2 - r3 is 1420 and r2 drops its own packet-too-big (IPv6 black hole; IPv4 too). */
    public static ChainSpec ipv6BlackHole() {
        return ChainSpec.named("ipv6-black-hole-1420").link(1500).link(1500).link(1420).link(1500).dropOwnPtb(2)
                .build();
    }

    /** Clean 1500 path where r2 clamps the MSS of forwarded SYNs to 1200. */
    public static ChainSpec mssClamp() {
        return ChainSpec.named("mss-clamp-1200").link(1500).link(1500).link(1500).link(1500).clampMss(2, 1200).build();
    }

    /** The black hole after r2, and r1 drops 10 % of what it forwards (both directions). */
    public static ChainSpec lossyBlackHole() {
        return ChainSpec.named("lossy-black-hole").link(1500).link(1500).link(1400).link(1500).dropOwnPtb(2)
                .loss(1, 0.10).build();
    }

    /** The 1400 link with 10 % loss at r1. */
    public static ChainSpec lossy1400() {
        return ChainSpec.named("lossy-1400").link(1500).link(1500).link(1400).link(1500).loss(1, 0.10).build();
    }

    /** The 1400 link and a server that drops all UDP: the tracer must fall back to ICMP echo. */
    public static ChainSpec udpFiltered() {
        return ChainSpec.named("udp-filtered-1400").link(1500).link(1500).link(1400).link(1500).udpFiltered().build();
    }

    /**
     * Forward all 1500; r3 sends the agent's traffic back over its own 1400 link to r1 and drops its
     * own frag-needed / packet-too-big: the target's full-size segments vanish on the way back only.
     */
    public static ChainSpec returnPathBlackHole() {
        return ChainSpec.named("return-black-hole-1400").link(1500).link(1500).link(1500).link(1500)
                .returnLink(3, 1, 1400).dropOwnPtb(3).build();
    }

    /**
     * Forward all 1500; r3 sends the agent's traffic back over its own 1400 link to r1 and does send
     * frag-needed / packet-too-big, but the server's firewall drops them (and the agent's own test):
     * the server keeps sending full-size segments that do not fit. The forward path stays 1500 so our
     * kernel never learns a smaller PMTU and keeps advertising the full MSS.
     */
    public static ChainSpec ptbIgnoringServer() {
        return ChainSpec.named("server-ignores-ptb").link(1500).link(1500).link(1500).link(1500)
                .returnLink(3, 1, 1400).serverDropsPtb().build();
    }

    /**
     * The 1400 link (r2 sends the PTB) in front of a server that answers TCP only (UDP and ICMP echo
     * dropped at the server): only TCP probes reach it.
     */
    public static ChainSpec tcpOnly1400() {
        return ChainSpec.named("tcp-only-1400").link(1500).link(1500).link(1400).link(1500).tcpOnly().build();
    }

    /** The black hole after r2 (it drops its own frag-needed) in front of a server that answers TCP only. */
    public static ChainSpec tcpOnlyBlackHole() {
        return ChainSpec.named("tcp-only-black-hole-1400").link(1500).link(1500).link(1400).link(1500).dropOwnPtb(2)
                .tcpOnly().build();
    }

    /** The TCP-only cases (kept out of {@link #all()}: UDP tools, tracepath among them, see no target there). */
    public static List<ChainSpec> tcpOnly() {
        return List.of(tcpOnly1400(), tcpOnlyBlackHole());
    }

    /** The return-direction cases (kept out of {@link #all()}: forward tools see nothing there to compare). */
    public static List<ChainSpec> returnPath() {
        return List.of(returnPathBlackHole(), ptbIgnoringServer());
    }

    public static List<ChainSpec> all() {
        return List.of(clean(), mtu1400(), vxlan(), blackHole(), transitFilter(), below576(), ipv6Tunnel1280(),
                ipv6BlackHole(), mssClamp(), lossyBlackHole(), lossy1400(), udpFiltered());
    }
}
