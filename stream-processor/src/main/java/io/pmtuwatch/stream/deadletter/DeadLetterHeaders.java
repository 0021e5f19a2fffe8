package io.pmtuwatch.stream.deadletter;

/**
 * Header names of a dead-letter record, one vocabulary for everything that writes to the
 * dead-letter topic (the topology's exception handlers and the Elasticsearch sink). The source
 * coordinates, exception and message use the names of Kafka Streams' built-in dead-letter queue, so
 * tools written for it read ours; the reason code and what only the sink knows are our own. Key and
 * value are the source record's bytes, untouched, so a fixed record can be replayed as it was.
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
    /** Class of the exception (or the error type Elasticsearch named). */
    public static final String EXCEPTION = "__streams.errors.exception";
    /** Human-readable explanation: what was wrong and what to do. */
    public static final String MESSAGE = "__streams.errors.message";
    /** Stack trace, only for {@link DeadLetterReason#PROCESSING_FAILED} (a bug to report). */
    public static final String STACKTRACE = "__streams.errors.stacktrace";
    /**
     * The source record's own timestamp (epoch ms). The dead letter itself is stamped when it is
     * written, so that a record with an impossible timestamp can always be dead-lettered.
     */
    public static final String SOURCE_TIMESTAMP = "pmtu.dead-letter.source-timestamp";
    /** When the record was dead-lettered (ISO-8601). */
    public static final String FAILED_AT = "pmtu.dead-letter.failed-at";
    /** Sink only: the HTTP status Elasticsearch answered for the document. */
    public static final String STATUS = "pmtu.dead-letter.elasticsearch.status";
    /** Sink only: the index of the rejected document. */
    public static final String INDEX = "pmtu.dead-letter.elasticsearch.index";
    /** Sink only: the id of the rejected document. */
    public static final String DOCUMENT_ID = "pmtu.dead-letter.elasticsearch.id";

    /** Prefixes of every header above: a dead letter replayed and dead-lettered again drops the old ones. */
    public static boolean isDeadLetterHeader(String name) {
        return name.startsWith("pmtu.dead-letter.") || name.startsWith("__streams.errors.");
    }

    private DeadLetterHeaders() {
    }
}
