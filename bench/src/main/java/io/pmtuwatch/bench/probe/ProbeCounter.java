package io.pmtuwatch.bench.probe;

import io.pmtuwatch.lab.Lab;

/**
 * Counts the packets a tool sends from the agent namespace with a catch-all iptables/ip6tables
 * OUTPUT rule, the same for every tool, so "probes" means packets on the wire, not what the tool
 * says. IPv6 neighbour discovery is skipped first (it is not probing).
 */
final class ProbeCounter {

    private final Lab lab;

    ProbeCounter(Lab lab) {
        this.lab = lab;
        lab.exec(0, "iptables -A OUTPUT -m comment --comment pw-bench-count");
        for (String type : new String[] {"router-solicitation", "neighbour-solicitation", "neighbour-advertisement"}) {
            lab.exec(0, "ip6tables -A OUTPUT -p ipv6-icmp --icmpv6-type " + type + " -j RETURN");
        }
        lab.exec(0, "ip6tables -A OUTPUT -m comment --comment pw-bench-count");
    }

    void reset() {
        lab.exec(0, "iptables -Z OUTPUT");
        lab.exec(0, "ip6tables -Z OUTPUT");
    }

    long read() {
        return count(lab.exec(0, "iptables -L OUTPUT -v -x -n")) + count(lab.exec(0, "ip6tables -L OUTPUT -v -x -n"));
    }

    private static long count(String listing) {
        long total = 0;
        for (String line : listing.split("\n")) {
            if (line.contains("pw-bench-count")) {
                total += Long.parseLong(line.trim().split("\\s+")[0]);
            }
        }
        return total;
    }
}
