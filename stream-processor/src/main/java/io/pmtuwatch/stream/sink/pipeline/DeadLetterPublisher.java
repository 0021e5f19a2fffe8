package io.pmtuwatch.stream.sink.pipeline;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;

import java.util.function.BiConsumer;

/**
 * Publishes dead letters. The source record counts as done only when the dead-letter topic
 * acknowledged it: the callback reports success or failure to the sink loop, which commits or retries.
 */
public final class DeadLetterPublisher {

    private final Producer<byte[], byte[]> producer;
    private final String topic;

    public DeadLetterPublisher(Producer<byte[], byte[]> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    /** Sends asynchronously; {@code done} gets null or the failure, on the producer's I/O thread. */
    public void publish(SourceRecord source, Headers headers, BiConsumer<SourceRecord, Exception> done) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null, source.key(), source.value(), headers);
        producer.send(record, (metadata, exception) -> done.accept(source, exception));
    }

    public void flush() {
        producer.flush();
    }

    public String topic() {
        return topic;
    }
}
