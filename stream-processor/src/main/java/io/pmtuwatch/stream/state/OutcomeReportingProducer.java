package io.pmtuwatch.stream.state;

import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.metrics.KafkaMetric;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;

/**
 * A stream thread's producer that reports how each transaction ended to {@link TransactionOutcomes},
 * with the last offset acknowledged per partition in it. {@code commitTransaction} returning normally
 * is the broker's word that the transaction committed; any exception leaves the outcome unknown, which
 * is reported as a failure (the stores then keep nothing of it).
 */
final class OutcomeReportingProducer implements Producer<byte[], byte[]> {

    private final Producer<byte[], byte[]> producer;
    // Filled by the producer's I/O thread; every callback of a transaction has run when its commit returns
    // (commit flushes, and a batch completes only after its callbacks).
    private final Map<TopicPartition, Long> lastOffsets = new ConcurrentHashMap<>();
    // The stream thread this producer sends for (it is created on another): told when the producer closes.
    private volatile Thread thread;

    OutcomeReportingProducer(Producer<byte[], byte[]> producer) {
        this.producer = producer;
    }

    @Override
    public Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record) {
        return send(record, null);
    }

    @Override
    public Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
        if (thread == null) {
            thread = Thread.currentThread();
        }
        return producer.send(record, (metadata, exception) -> {
            if (exception == null && metadata != null && metadata.hasOffset()) {
                lastOffsets.merge(new TopicPartition(metadata.topic(), metadata.partition()), metadata.offset(), Math::max);
            }
            if (callback != null) {
                callback.onCompletion(metadata, exception);
            }
        });
    }

    @Override
    public void commitTransaction() {
        try {
            producer.commitTransaction();
        } catch (RuntimeException e) {
            lastOffsets.clear();
            TransactionOutcomes.failedOnCurrentThread();
            throw e;
        }
        Map<TopicPartition, Long> committed = new HashMap<>(lastOffsets);
        lastOffsets.clear();
        TransactionOutcomes.committedOnCurrentThread(committed);
    }

    @Override
    public void abortTransaction() {
        lastOffsets.clear();
        TransactionOutcomes.failedOnCurrentThread();
        producer.abortTransaction();
    }

    @Override
    public void initTransactions() {
        producer.initTransactions();
    }

    @Override
    public void beginTransaction() {
        thread = Thread.currentThread();
        producer.beginTransaction();
        TransactionOutcomes.transactionBegun();
    }

    @Override
    public void sendOffsetsToTransaction(Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata groupMetadata) {
        producer.sendOffsetsToTransaction(offsets, groupMetadata);
    }

    @Override
    public void registerMetricForSubscription(KafkaMetric metric) {
        producer.registerMetricForSubscription(metric);
    }

    @Override
    public void unregisterMetricFromSubscription(KafkaMetric metric) {
        producer.unregisterMetricFromSubscription(metric);
    }

    @Override
    public void flush() {
        producer.flush();
    }

    @Override
    public List<PartitionInfo> partitionsFor(String topic) {
        return producer.partitionsFor(topic);
    }

    @Override
    public Map<MetricName, ? extends Metric> metrics() {
        return producer.metrics();
    }

    @Override
    public Uuid clientInstanceId(Duration timeout) {
        return producer.clientInstanceId(timeout);
    }

    @Override
    public void close() {
        try {
            producer.close();
        } finally {
            closed();
        }
    }

    @Override
    public void close(Duration timeout) {
        try {
            producer.close(timeout);
        } finally {
            closed();
        }
    }

    // The thread's stores are told that an open transaction will not commit, and its entry goes (Streams
    // closes a thread's producer when the thread ends or its producer is replaced).
    private void closed() {
        Thread sentFor = thread;
        if (sentFor != null) {
            TransactionOutcomes.producerClosed(sentFor);
        }
    }
}
