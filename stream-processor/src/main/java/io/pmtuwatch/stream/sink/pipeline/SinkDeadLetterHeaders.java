package io.pmtuwatch.stream.sink.pipeline;

import io.pmtuwatch.stream.deadletter.DeadLetterHeaders;
import io.pmtuwatch.stream.deadletter.DeadLetterReason;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The headers of a dead letter written by the sink, in the shared {@link DeadLetterHeaders}
 * vocabulary: source coordinates, reason, exception and message like the topology's, plus what only
 * the sink knows (the HTTP status and the Elasticsearch index and id). The record's own key, value
 * and headers are kept unchanged, so it can be replayed once the cause is fixed.
 */
public final class SinkDeadLetterHeaders {

    private SinkDeadLetterHeaders() {
    }

    public static Headers of(SourceRecord source, DeadLetterReason reason, String errorType, String detail, int status,
                             String index, String documentId, Instant failedAt) {
        Headers headers = new RecordHeaders();
        if (source.headers() != null) {
            source.headers().forEach(h -> {
                if (!DeadLetterHeaders.isDeadLetterHeader(h.key())) {
                    headers.add(h);
                }
            });
        }
        put(headers, DeadLetterHeaders.REASON, reason.name());
        put(headers, DeadLetterHeaders.EXCEPTION, errorType);
        put(headers, DeadLetterHeaders.MESSAGE, message(source, reason, detail, status, index, documentId));
        if (status > 0) {
            put(headers, DeadLetterHeaders.STATUS, Integer.toString(status));
        }
        put(headers, DeadLetterHeaders.TOPIC, source.partition().topic());
        put(headers, DeadLetterHeaders.PARTITION, Integer.toString(source.partition().partition()));
        put(headers, DeadLetterHeaders.OFFSET, Long.toString(source.offset()));
        put(headers, DeadLetterHeaders.INDEX, index);
        put(headers, DeadLetterHeaders.DOCUMENT_ID, documentId);
        put(headers, DeadLetterHeaders.FAILED_AT, failedAt.toString());
        return headers;
    }

    static String message(SourceRecord source, DeadLetterReason reason, String detail, int status, String index,
                          String documentId) {
        String where = index == null ? "" : " (document " + index + "/" + documentId + ", status " + status + ")";
        return String.format(advice(reason), source.partition().topic() + " record") + where + ": " + detail;
    }

    /** What the operator should do, per reason the sink writes; %s is what the record is. */
    static String advice(DeadLetterReason reason) {
        return switch (reason) {
            case SINK_UNDECODABLE -> "the record is not a readable %s; check the producer's serializer";
            case ELASTICSEARCH_REJECTED -> "Elasticsearch rejected the document for good; fix the record or the index "
                    + "template, then replay this record";
            default -> "the %s could not be mapped to documents (a bug or an unexpected value); report it";
        };
    }

    private static void put(Headers headers, String key, String value) {
        if (value != null) {
            headers.add(key, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
