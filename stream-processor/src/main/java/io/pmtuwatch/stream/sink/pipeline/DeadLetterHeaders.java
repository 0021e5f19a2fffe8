package io.pmtuwatch.stream.sink.pipeline;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Headers of a dead letter written by the sink. Same names as the topology's dead letters on the
 * same topic (Kafka Streams' {@code __streams.errors.*} for the source coordinates, exception and
 * message; {@code pmtu.dead-letter.reason} for our reason code), plus what only the sink knows: the
 * HTTP status and the Elasticsearch index and id. The record's own key, value and headers are kept
 * unchanged, so it can be replayed once the cause is fixed.
 */
public final class DeadLetterHeaders {

    // The shared names are the topology's: one dead-letter topic, one vocabulary.
    public static final String REASON = io.pmtuwatch.stream.topology.DeadLetterHeaders.REASON;
    public static final String TOPIC = io.pmtuwatch.stream.topology.DeadLetterHeaders.TOPIC;
    public static final String PARTITION = io.pmtuwatch.stream.topology.DeadLetterHeaders.PARTITION;
    public static final String OFFSET = io.pmtuwatch.stream.topology.DeadLetterHeaders.OFFSET;
    public static final String EXCEPTION = io.pmtuwatch.stream.topology.DeadLetterHeaders.EXCEPTION;
    public static final String MESSAGE = io.pmtuwatch.stream.topology.DeadLetterHeaders.MESSAGE;
    public static final String STATUS = "pmtu.dead-letter.elasticsearch.status";
    public static final String INDEX = "pmtu.dead-letter.elasticsearch.index";
    public static final String DOCUMENT_ID = "pmtu.dead-letter.elasticsearch.id";
    public static final String FAILED_AT = "pmtu.dead-letter.failed-at";

    /** Reason codes of the sink (the {@link #REASON} header). */
    public enum Reason {
        /** The value could not be decoded (not our Avro, unknown schema). */
        SINK_UNDECODABLE("the record is not a readable %s; check the producer's serializer"),
        /** Decoded, but mapping it to documents failed. */
        SINK_UNMAPPABLE("the record could not be mapped to documents (a bug or an unexpected value); report it"),
        /** Elasticsearch rejected a document for good (mapping conflict, malformed value). */
        ELASTICSEARCH_REJECTED("Elasticsearch rejected the document for good; fix the record or the index "
                + "template, then replay this record");

        private final String advice;

        Reason(String advice) {
            this.advice = advice;
        }

        public String advice() {
            return advice;
        }
    }

    private DeadLetterHeaders() {
    }

    public static Headers of(SourceRecord source, Reason reason, String errorType, String detail, int status,
                             String index, String documentId, Instant failedAt) {
        Headers headers = new RecordHeaders();
        if (source.headers() != null) {
            source.headers().forEach(h -> {
                if (!h.key().startsWith("pmtu.dead-letter.") && !h.key().startsWith("__streams.errors.")) {
                    headers.add(h);
                }
            });
        }
        put(headers, REASON, reason.name());
        put(headers, EXCEPTION, errorType);
        put(headers, MESSAGE, message(source, reason, detail, status, index, documentId));
        if (status > 0) {
            put(headers, STATUS, Integer.toString(status));
        }
        put(headers, TOPIC, source.partition().topic());
        put(headers, PARTITION, Integer.toString(source.partition().partition()));
        put(headers, OFFSET, Long.toString(source.offset()));
        put(headers, INDEX, index);
        put(headers, DOCUMENT_ID, documentId);
        put(headers, FAILED_AT, failedAt.toString());
        return headers;
    }

    static String message(SourceRecord source, Reason reason, String detail, int status, String index,
                          String documentId) {
        String where = index == null ? "" : " (document " + index + "/" + documentId + ", status " + status + ")";
        return String.format(reason.advice(), source.partition().topic() + " record") + where + ": " + detail;
    }

    private static void put(Headers headers, String key, String value) {
        if (value != null) {
            headers.add(key, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
