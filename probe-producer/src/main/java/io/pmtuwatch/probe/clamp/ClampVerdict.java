package io.pmtuwatch.probe.clamp;

import java.util.List;

/**
 * What the TTL-limited SYNs showed.
 *
 * @param sentMss     the MSS our SYNs carried
 * @param hops        the answer for each TTL
 * @param changes     every change of the MSS option along the path, in path order
 * @param reachedTtl  TTL at which the target answered; null when it never did
 * @param blindTtls   TTLs whose router answered with a quote too short to show the MSS option
 * @param conclusion  one sentence for people, e.g. "clamp at hop 2 (10.0.2.1): 1460 -> 1200"
 */
public record ClampVerdict(int sentMss, List<HopQuote> hops, List<ClampChange> changes, Integer reachedTtl,
                           List<Integer> blindTtls, String conclusion) {

    public boolean clampFound() {
        return !changes.isEmpty();
    }
}
