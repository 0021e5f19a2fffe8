package io.pmtuwatch.stream.config;

import java.util.Locale;

/**
 * Kafka Streams' processing guarantee, as {@code processing.guarantee} names it. Exactly-once is the
 * default (no diagnosis lost or doubled across a crash); at-least-once trades that for restarts that
 * keep local state after a {@code kill -9} (Kafka Streams 4.3 wipes the stores of a task that was not
 * closed cleanly under exactly-once and restores them from their changelogs in full).
 */
public enum ProcessingGuarantee {
    EXACTLY_ONCE_V2, AT_LEAST_ONCE;

    /** The value Kafka Streams' {@code processing.guarantee} takes. */
    public String streamsValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
