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

/** Builds the dead-letter record both exception handlers hand back to Kafka Streams. */
public final class DeadLetterRecords {

    private DeadLetterRecords() {
    }

    public static ProducerRecord<byte[], byte[]> of(String deadLetterTopic, ErrorHandlerContext context, byte[] key,
                                                    byte[] value, DeadLetterReason reason, Exception exception) {
        // Partition left to the producer: the dead-letter topic need not have as many partitions as the source.
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(deadLetterTopic, null, context.timestamp(), key, value);
        Headers headers = record.headers();
        if (context.headers() != null) {
            for (Header header : context.headers()) {
                headers.add(header);
            }
        }
        put(headers, DeadLetterHeaders.REASON, reason.name());
        put(headers, DeadLetterHeaders.TOPIC, context.topic());
        put(headers, DeadLetterHeaders.PARTITION, Integer.toString(context.partition()));
        put(headers, DeadLetterHeaders.OFFSET, Long.toString(context.offset()));
        put(headers, DeadLetterHeaders.EXCEPTION, exception.getClass().getName());
        put(headers, DeadLetterHeaders.MESSAGE, String.valueOf(exception.getMessage()));
        if (reason == DeadLetterReason.PROCESSING_FAILED) {
            StringWriter trace = new StringWriter();
            exception.printStackTrace(new PrintWriter(trace));
            put(headers, DeadLetterHeaders.STACKTRACE, trace.toString());
        }
        return record;
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }
}
