package io.pmtuwatch.bench.probe;

import java.util.function.UnaryOperator;

/**
 * The PMTU the agent namespace's kernel learned from a packet-too-big: a route exception per
 * destination (not per flow) kept about 10 minutes. A tool that sends with DF and the kernel's PMTU
 * (tracepath) starts from it and reports it without a router saying so, so one tool's run would
 * decide the next one's row (on the ECMP lab: the narrow member "found" on a flow hashed onto the
 * wide one). Each run therefore starts from a kernel that has learned nothing.
 */
final class LearnedPmtu {

    private LearnedPmtu() {
    }

    /** @param agent runs a command in the agent's namespace */
    static void forget(UnaryOperator<String> agent) {
        agent.apply("ip route flush cache");
        agent.apply("ip -6 route flush cache");
    }
}
