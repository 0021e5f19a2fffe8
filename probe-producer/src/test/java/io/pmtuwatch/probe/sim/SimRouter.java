package io.pmtuwatch.probe.sim;

/**
 * One router of a simulated path: the address it answers from, the MTU of the link behind it
 * (towards the target), whether it sends packet-too-big / time exceeded at all, and its ICMP token
 * bucket (Linux: a burst of about 6, then one per second per peer).
 */
public record SimRouter(String address, int mtuAfter, boolean sendsPtb, boolean answersTtl, int icmpBurst,
        long icmpRefillMillis) {

    public static SimRouter of(String address, int mtuAfter) {
        return new SimRouter(address, mtuAfter, true, true, Integer.MAX_VALUE, 0);
    }

    /** Drops its own packet-too-big: a black hole behind it. */
    public SimRouter withoutPtb() {
        return new SimRouter(address, mtuAfter, false, answersTtl, icmpBurst, icmpRefillMillis);
    }

    /** Never answers time exceeded (a silent hop). */
    public SimRouter silent() {
        return new SimRouter(address, mtuAfter, sendsPtb, false, icmpBurst, icmpRefillMillis);
    }

    public SimRouter rateLimited(int burst, long refillMillis) {
        return new SimRouter(address, mtuAfter, sendsPtb, answersTtl, burst, refillMillis);
    }
}
