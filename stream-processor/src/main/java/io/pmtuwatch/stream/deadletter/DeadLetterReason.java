package io.pmtuwatch.stream.deadletter;

/**
 * Why a record went to the dead-letter topic; the code travels in the {@link DeadLetterHeaders#REASON}
 * header, whoever wrote it (the processor or the sink). Part of the public contract: consumers of the
 * dead-letter topic may switch on it, and {@code /metrics} counts dead letters by it.
 */
public enum DeadLetterReason {
    /** Not written by pmtu-watch's Avro serde (no single-object header). */
    DECODE_BAD_HEADER,
    /** Written with a schema this reader does not know (newer producer). */
    DECODE_UNKNOWN_SCHEMA,
    /** Header fine, body corrupt or truncated. */
    DECODE_MALFORMED_BODY,
    /** Another record type on this topic. */
    DECODE_WRONG_RECORD_TYPE,
    /** Any other failure to deserialize key or value. */
    DECODE_FAILED,
    /** Record without key, or with a path id missing. */
    MISSING_PATH_ID,
    /** Kafka key differs from the record's path id: it would land on the wrong path's state. */
    KEY_MISMATCH,
    /** An MTU outside 1..65535 (reported next-hop MTU, local or kernel MTU). */
    INVALID_MTU,
    /** TTL / hop limit outside 1..255 (0 allowed for passive observations only). */
    INVALID_TTL,
    /** A negative or impossible size (probe size, MSS). */
    INVALID_SIZE,
    /** A negative round-trip time. */
    INVALID_RTT,
    /** Sequence, run probe count or port out of range. */
    INVALID_FIELD,
    /** Observed later than the processor's clock plus the future tolerance: the agent's clock runs ahead. */
    EVENT_TIME_IN_FUTURE,
    /** Observed earlier than the processor's clock minus the past tolerance: a clock behind, or an old replay. */
    EVENT_TIME_TOO_OLD,
    /** The record passed validation but processing it failed (a bug): it is kept for replay. */
    PROCESSING_FAILED,
    /** The broker refused an output record for good (too large, say): the source record is kept here. */
    OUTPUT_REJECTED,
    /** Sink: the value could not be decoded (not our Avro, unknown schema). */
    SINK_UNDECODABLE,
    /** Sink: decoded, but mapping it to documents failed. */
    SINK_UNMAPPABLE,
    /** Sink: Elasticsearch rejected a document for good (mapping conflict, malformed value). */
    ELASTICSEARCH_REJECTED
}
