package io.pmtuwatch.probe.agent;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Spreads run start times so that many agents and targets do not probe in lockstep. Pure.
 *
 * @param fraction jitter as a fraction of the interval, 0 to 0.5
 */
public record JitterPolicy(double fraction) {

    public JitterPolicy {
        if (fraction < 0 || fraction > 0.5) {
            throw new IllegalArgumentException("jitter fraction must be in [0, 0.5]: " + fraction);
        }
    }

    /** Delay before a target's first run: uniform in [0, fraction * interval]. */
    public Duration firstDelay(Duration interval, RandomGenerator random) {
        return Duration.ofNanos((long) (random.nextDouble() * fraction * interval.toNanos()));
    }

    /** Delay between two runs: interval * (1 + u), u uniform in [-fraction, +fraction]. */
    public Duration nextDelay(Duration interval, RandomGenerator random) {
        double u = (random.nextDouble() * 2 - 1) * fraction;
        return Duration.ofNanos((long) (interval.toNanos() * (1 + u)));
    }
}
