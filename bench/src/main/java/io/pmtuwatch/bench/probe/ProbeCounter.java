package io.pmtuwatch.bench.probe;

import io.pmtuwatch.lab.Lab;
import java.util.function.UnaryOperator;

/**
 * Counts the packets a tool sends from the agent namespace with a catch-all iptables/ip6tables
 * OUTPUT rule, the same for every tool, so "probes" means packets on the wire, not what the tool
 * says. IPv6 neighbour discovery is skipped first (it is not probing).
 */
final class ProbeCounter {

    private final UnaryOperator<String> agent;

    ProbeCounter(Lab lab) {
        this(command -> lab.exec(0, command));
    }

    /** @param agent runs a command in the agent's namespace and returns its output */
    ProbeCounter(UnaryOperator<String> agent) {
        this.agent = agent;
        agent.apply( "iptables -A OUTPUT -m comment --comment pw-bench-count");
        for (String type : new String[] {"router-solicitation", "neighbour-solicitation", "neighbour-advertisement"}) {
            agent.apply("ip6tables -A OUTPUT -p ipv6-icmp --icmpv6-type " + type + " -j RETURN");
        }
        agent.apply("ip6tables -A OUTPUT -m comment --comment pw-bench-count");
    }

    void reset() {
        agent.apply("iptables -Z OUTPUT");
        agent.apply("ip6tables -Z OUTPUT");
    }

    long read() {
        return count(agent.apply("iptables -L OUTPUT -v -x -n")) + count(agent.apply("ip6tables -L OUTPUT -v -x -n"));
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
