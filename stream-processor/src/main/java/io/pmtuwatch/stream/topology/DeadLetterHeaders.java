package io.pmtuwatch.stream.topology;

/**
 * Headers of a dead-letter record. The source coordinates use the names of Kafka Streams' built-in
 * dead-letter queue, so tools written for it read ours; the reason is our own. Key and value are the
 * source record's bytes, untouched, so a fixed record can be replayed as it was.
 */
public final class DeadLetterHeaders {

    /** {@link DeadLetterReason} code. */
    public static final String REASON = "pmtu.dead-letter.reason";
    /** Topic the record was read from. */
    public static final String TOPIC = "__streams.errors.topic";
    /** Partition the record was read from. */
    public static final String PARTITION = "__streams.errors.partition";
    /** Offset of the record in that partition. */
    public static final String OFFSET = "__streams.errors.offset";
    /** Class of the exception. */
    public static final String EXCEPTION = "__streams.errors.exception";
    /** Human-readable explanation: what was wrong and what to do. */
    public static final String MESSAGE = "__streams.errors.message";
    /** Stack trace, only for {@link DeadLetterReason#PROCESSING_FAILED} (a bug to report). */
    public static final String STACKTRACE = "__streams.errors.stacktrace";

    private DeadLetterHeaders() {
    }
}
