package io.pmtuwatch.stream.topology.internals;

import io.pmtuwatch.stream.metrics.PipelineMetrics;
import io.pmtuwatch.stream.deadletter.DeadLetterReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One readable line per dead letter, but not a flood: the first few of each reason, then every
 * thousandth with the running count. The dead-letter topic has them all.
 */
public final class DeadLetterLog {

    private static final Logger log = LoggerFactory.getLogger("io.pmtuwatch.stream.dead-letter");
    private static final long ALWAYS_LOGGED = 10;
    private static final long THEN_EVERY = 1000;

    private DeadLetterLog() {
    }

    public static void warn(PipelineMetrics metrics, DeadLetterReason reason, String topic, int partition, long offset,
                            String detail) {
        long seen = metrics.deadLettersByReason().getOrDefault(reason.name(), 0L) + 1;
        if (seen <= ALWAYS_LOGGED || seen % THEN_EVERY == 0) {
            log.warn("Dead letter #{} of reason {}: {}-{}@{}: {}", seen, reason, topic, partition, offset, detail);
        }
    }
}
