package io.pmtuwatch.probe.sim;

/** An ICMP rate limiter on the simulated clock. */
final class TokenBucket {

    private final int burst;
    private final long refillNanos;
    private double tokens;
    private long lastNanos;

    TokenBucket(int burst, long refillMillis, long nowNanos) {
        this.burst = burst;
        this.refillNanos = refillMillis * 1_000_000L;
        this.tokens = burst;
        this.lastNanos = nowNanos;
    }

    boolean take(long nowNanos) {
        if (burst == Integer.MAX_VALUE || refillNanos <= 0) {
            return true;
        }
        tokens = Math.min(burst, tokens + (double) (nowNanos - lastNanos) / refillNanos);
        lastNanos = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
