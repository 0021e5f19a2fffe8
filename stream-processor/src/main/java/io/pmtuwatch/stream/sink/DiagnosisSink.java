package io.pmtuwatch.stream.sink;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import io.pmtuwatch.schemas.PathDiagnosis;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Copies diagnoses from Kafka into Elasticsearch. Offsets are committed only after Elasticsearch
 * acknowledged the whole batch; while it is unreachable the sink retries the same batch with
 * backoff, holding its place. Document ids are deterministic, so a replay after a crash
 * overwrites instead of duplicating.
 */
public final class DiagnosisSink implements Runnable, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DiagnosisSink.class);

    private final KafkaConsumer<String, PathDiagnosis> consumer;
    private final ElasticsearchClient client;
    private final String index;
    private final AtomicBoolean running = new AtomicBoolean(true);

    public DiagnosisSink(KafkaConsumer<String, PathDiagnosis> consumer, ElasticsearchClient client, String index,
                         String topic) {
        this.consumer = consumer;
        this.client = client;
        this.index = index;
        consumer.subscribe(List.of(topic));
    }

    @Override
    public void run() {
        try {
            while (running.get()) {
                ConsumerRecords<String, PathDiagnosis> records = consumer.poll(Duration.ofMillis(200));
                if (!records.isEmpty()) {
                    writeUntilAcknowledged(records);
                    consumer.commitSync();
                }
            }
        } catch (org.apache.kafka.common.errors.WakeupException e) {
            if (running.get()) {
                throw e;
            }
        } finally {
            consumer.close();
        }
    }

    private void writeUntilAcknowledged(ConsumerRecords<String, PathDiagnosis> records) {
        BulkRequest.Builder bulk = new BulkRequest.Builder();
        for (ConsumerRecord<String, PathDiagnosis> record : records) {
            PathDiagnosis d = record.value();
            bulk.operations(op -> op.index(i -> i.index(index).id(DiagnosisDocuments.id(d))
                    .document(DiagnosisDocuments.document(d))));
        }
        BulkRequest request = bulk.build();
        long backoffMs = 200;
        while (running.get()) {
            try {
                BulkResponse response = client.bulk(request);
                if (response.errors()) {
                    for (BulkResponseItem item : response.items()) {
                        if (item.error() != null) {
                            log.warn("Elasticsearch rejected document {}: {}", item.id(), item.error().reason());
                        }
                    }
                }
                return;
            } catch (IOException | RuntimeException e) {
                log.warn("Elasticsearch unavailable ({}); retrying {} documents in {} ms", e.getMessage(),
                        records.count(), backoffMs);
                sleep(backoffMs);
                backoffMs = Math.min(backoffMs * 2, 10_000);
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
    }
}
