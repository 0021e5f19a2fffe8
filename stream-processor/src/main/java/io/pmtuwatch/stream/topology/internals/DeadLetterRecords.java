package io.pmtuwatch.stream.topology.internals;

import io.pmtuwatch.stream.deadletter.DeadLetterHeaders;
import io.pmtuwatch.stream.deadletter.DeadLetterReason;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Builds the dead-letter record the exception handlers hand back to Kafka Streams. It must never
 * fail: a handler that throws stops the stream thread, which then retries the same record forever.
 * So the dead letter is stamped with the wall clock (the source's timestamp, which may be -1 or far
 * off, goes in a header), and every header is optional.
 */
public final class DeadLetterRecords {

    private DeadLetterRecords() {
    }

    public static ProducerRecord<byte[], byte[]> of(String deadLetterTopic, ErrorHandlerContext context, byte[] key,
                                                    byte[] value, DeadLetterReason reason, Exception exception) {
        long now = System.currentTimeMillis();
        // Partition left to the producer: the dead-letter topic need not have as many partitions as the source.
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(deadLetterTopic, null, now, key, value);
        Headers headers = record.headers();
        try {
            copySourceHeaders(context, headers);
            put(headers, DeadLetterHeaders.REASON, reason.name());
            put(headers, DeadLetterHeaders.TOPIC, context.topic());
            put(headers, DeadLetterHeaders.PARTITION, Integer.toString(context.partition()));
            put(headers, DeadLetterHeaders.OFFSET, Long.toString(context.offset()));
            put(headers, DeadLetterHeaders.SOURCE_TIMESTAMP, Long.toString(context.timestamp()));
            put(headers, DeadLetterHeaders.FAILED_AT, Instant.ofEpochMilli(now).toString());
            put(headers, DeadLetterHeaders.EXCEPTION, exception == null ? null : exception.getClass().getName());
            put(headers, DeadLetterHeaders.MESSAGE, exception == null ? null : String.valueOf(exception.getMessage()));
            if (reason == DeadLetterReason.PROCESSING_FAILED && exception != null) {
                StringWriter trace = new StringWriter();
                exception.printStackTrace(new PrintWriter(trace));
                put(headers, DeadLetterHeaders.STACKTRACE, trace.toString());
            }
        } catch (RuntimeException headerFailure) {
            // A broken header must not cost the record: keep the reason, say what went wrong.
            put(headers, DeadLetterHeaders.REASON, reason.name());
            put(headers, DeadLetterHeaders.MESSAGE, "headers incomplete: " + headerFailure);
        }
        return record;
    }

    private static void copySourceHeaders(ErrorHandlerContext context, Headers headers) {
        if (context.headers() != null) {
            for (Header header : context.headers()) {
                if (!DeadLetterHeaders.isDeadLetterHeader(header.key())) {
                    headers.add(header);
                }
            }
        }
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
