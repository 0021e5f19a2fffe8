package io.pmtuwatch.lab;

/**
 * A PMTU black hole, as built: big packets die after the router at {@code lastRespondingTtl} (the
 * last hop that still answers oversized TTL-limited probes), the largest size that gets through
 * is {@code pmtu}. {@code filteringRouterTtl} is where the PTB is dropped (the same router when it
 * drops its own, an earlier one when filtered in transit).
 */
public record ExpectedBlackHole(int lastRespondingTtl, String router, String nextHop, int pmtu, int filteringRouterTtl) {
}
