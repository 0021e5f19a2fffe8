package io.pmtuwatch.stream.sink.pipeline;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Headers of a dead letter: why the record was rejected and where it came from. The record's own
 * key, value and headers are kept unchanged, so it can be replayed once the cause is fixed.
 */
public final class DeadLetterHeaders {

    public static final String PREFIX = "pmtu.dlq.";
    public static final String REASON = PREFIX + "reason";
    public static final String ERROR_TYPE = PREFIX + "error.type";
    public static final String STATUS = PREFIX + "status";
    public static final String STAGE = PREFIX + "stage";
    public static final String SOURCE_TOPIC = PREFIX + "source.topic";
    public static final String SOURCE_PARTITION = PREFIX + "source.partition";
    public static final String SOURCE_OFFSET = PREFIX + "source.offset";
    public static final String INDEX = PREFIX + "elasticsearch.index";
    public static final String DOCUMENT_ID = PREFIX + "elasticsearch.id";
    public static final String FAILED_AT = PREFIX + "failed.at";

    /** Where the record failed. */
    public enum Stage {
        /** The value could not be decoded (not our Avro, unknown schema). */
        DECODE,
        /** Decoded, but mapping it to documents failed. */
        MAP,
        /** Elasticsearch rejected a document for good. */
        INDEX
    }

    private DeadLetterHeaders() {
    }

    public static Headers of(SourceRecord source, Stage stage, String errorType, String reason, int status,
                             String index, String documentId, Instant failedAt) {
        Headers headers = new RecordHeaders();
        if (source.headers() != null) {
            source.headers().forEach(h -> {
                if (!h.key().startsWith(PREFIX)) {
                    headers.add(h);
                }
            });
        }
        put(headers, STAGE, stage.name());
        put(headers, ERROR_TYPE, errorType);
        put(headers, REASON, reason);
        if (status > 0) {
            put(headers, STATUS, Integer.toString(status));
        }
        put(headers, SOURCE_TOPIC, source.partition().topic());
        put(headers, SOURCE_PARTITION, Integer.toString(source.partition().partition()));
        put(headers, SOURCE_OFFSET, Long.toString(source.offset()));
        put(headers, INDEX, index);
        put(headers, DOCUMENT_ID, documentId);
        put(headers, FAILED_AT, failedAt.toString());
        return headers;
    }

    private static void put(Headers headers, String key, String value) {
        if (value != null) {
            headers.add(key, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
