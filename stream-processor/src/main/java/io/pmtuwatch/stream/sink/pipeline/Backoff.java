package io.pmtuwatch.stream.sink.pipeline;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter and a cap, and no limit on attempts: the sink holds its place for
 * as long as Elasticsearch is away instead of dropping data. Jitter spreads the retries of many
 * documents that failed together.
 */
public record Backoff(Duration initial, Duration max) {

    public Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max, was " + initial + " / " + max);
        }
    }

    /** Delay before attempt {@code attempt + 1}, given that attempt {@code attempt} (0-based) failed. */
    public Duration delay(int attempt) {
        long ceiling = ceilingMillis(attempt);
        long jitter = ceiling / 5;
        return Duration.ofMillis(ceiling - jitter + ThreadLocalRandom.current().nextLong(jitter + 1));
    }

    long ceilingMillis(int attempt) {
        long millis = initial.toMillis();
        for (int i = 0; i < attempt && millis < max.toMillis(); i++) {
            millis *= 2;
        }
        return Math.min(millis, max.toMillis());
    }
}
