package io.pmtuwatch.probe.clamp;

/**
 * One place where the MSS option of our SYN changed on the way. A router at TTL t quotes the SYN
 * as it arrived, before its own forwarding (Linux and most routers expire the TTL before the
 * forward/mangle stage), so a change first seen in the quote at TTL k was made by a router at TTL
 * {@code firstTtl..lastTtl}, where {@code firstTtl} is the last hop whose quote still showed the old
 * value (0 = this host) and {@code lastTtl = k - 1}.
 *
 * @param firstTtl the earliest TTL whose router may have made the change
 * @param lastTtl  the latest; equal to {@code firstTtl} when the clamp is located exactly
 * @param router   the clamping router's address when located exactly (null for this host or when unknown)
 * @param before   MSS before the change
 * @param after    MSS after it (null: the option was stripped)
 */
public record ClampChange(int firstTtl, int lastTtl, String router, int before, Integer after) {

    public boolean exact() {
        return firstTtl == lastTtl;
    }
}
