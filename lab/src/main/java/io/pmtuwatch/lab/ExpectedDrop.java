package io.pmtuwatch.lab;

/**
 * A link where the path MTU drops, as built: the router in front of it (its TTL and the address
 * its ICMP comes from), the next hop, the MTU before and after, and whether its packet-too-big
 * reaches the agent (false = a black hole for sizes above {@code toMtu}).
 */
public record ExpectedDrop(int routerTtl, String router, String nextHop, int fromMtu, int toMtu, boolean ptbReachesAgent) {
}
