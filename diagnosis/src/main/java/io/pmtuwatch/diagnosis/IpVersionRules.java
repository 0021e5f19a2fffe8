package io.pmtuwatch.diagnosis;

import io.pmtuwatch.schemas.IpVersion;

/**
 * The numbers of the seed's tables for one IP version, in one place: header bytes that separate an
 * MSS from the packet size, the undersized PMTU and MSS thresholds, and the smallest MTU a
 * packet-too-big may legally report.
 */
public enum IpVersionRules {

    IPV4(40, 576, 1380, 68, "IPv4", "ICMP type 3 code 4 (fragmentation needed)", "iptables", "ip tcp adjust-mss"),
    IPV6(60, 1280, 1220, 1280, "IPv6", "ICMPv6 type 2 (packet too big)", "ip6tables", "ipv6 tcp adjust-mss");

    /** IP + TCP header bytes without options: MSS + headers = packet size. */
    public final int headerBytes;
    /** A PMTU below this is undersized (IPv4: the minimum datagram every host reassembles; IPv6: the standard minimum). */
    public final int minimumPmtu;
    /** An MSS below this is undersized (except DNS). */
    public final int minimumMss;
    /** A packet-too-big reporting less than this is impossible and ignored. */
    public final int minimumPtbMtu;
    public final String label;
    /** The ICMP message a black hole swallows, as an operator would filter it. */
    public final String ptbMessage;
    final String mangleCommand;
    final String routerMssCommand;

    IpVersionRules(int headerBytes, int minimumPmtu, int minimumMss, int minimumPtbMtu, String label,
            String ptbMessage, String mangleCommand, String routerMssCommand) {
        this.headerBytes = headerBytes;
        this.minimumPmtu = minimumPmtu;
        this.minimumMss = minimumMss;
        this.minimumPtbMtu = minimumPtbMtu;
        this.label = label;
        this.ptbMessage = ptbMessage;
        this.mangleCommand = mangleCommand;
        this.routerMssCommand = routerMssCommand;
    }

    public static IpVersionRules of(IpVersion version) {
        return version == IpVersion.IPV6 ? IPV6 : IPV4;
    }

    /** The MSS a host sends when its packets must fit {@code mtu}. */
    public int mssFor(int mtu) {
        return mtu - headerBytes;
    }

    /** How to clamp the MSS to {@code mss} on a Linux router and on a Cisco-style one. */
    public String clampCommands(int mss) {
        return mangleCommand + " -t mangle -A FORWARD -p tcp --tcp-flags SYN,RST SYN -j TCPMSS --set-mss " + mss
                + " / " + routerMssCommand + " " + mss;
    }
}
