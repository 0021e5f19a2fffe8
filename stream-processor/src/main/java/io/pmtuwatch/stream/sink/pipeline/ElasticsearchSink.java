package io.pmtuwatch.stream.sink.pipeline;

import io.pmtuwatch.stream.deadletter.DeadLetterReason;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.pmtuwatch.stream.sink.SinkDocument;
import io.pmtuwatch.stream.sink.SinkRoutes;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Copies pmtu.diagnoses, pmtu.anomalies and pmtu.links into Elasticsearch, at least once and without
 * duplicates (deterministic ids). One thread owns the consumer and all bookkeeping:
 * <ol>
 *   <li>poll, decode and map each record to its documents, hand them to the {@link BulkExporter};</li>
 *   <li>take the exporter's results: stored or superseded documents complete their record; documents
 *       Elasticsearch could not take now (down, 429, 5xx) are retried with backoff, without limit;
 *       documents rejected for good go to the dead-letter topic;</li>
 *   <li>commit, per partition, the offset below which every record is done; so a crash at any
 *       moment replays only records whose documents may not all be stored.</li>
 * </ol>
 * While Elasticsearch is away the open records pile up to {@code maxOpenRecords}, then the consumer
 * pauses (still polling, so it keeps its partitions) until the retries get through.
 */
public final class ElasticsearchSink implements Runnable, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ElasticsearchSink.class);

    private final Consumer<byte[], byte[]> consumer;
    private final SinkRoutes routes;
    private final SinkSettings settings;
    private final BulkExporter exporter;
    private final DeadLetterPublisher deadLetters;
    private final Queue<ExportResult> exportResults = new ConcurrentLinkedQueue<>();
    private final Queue<DeadLetterResult> deadLetterResults = new ConcurrentLinkedQueue<>();
    private final OffsetTracker tracker = new OffsetTracker();
    private final RetrySchedule<Runnable> retries = new RetrySchedule<>();
    private final SinkStats stats = new SinkStats();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Clock clock = Clock.systemUTC();
    private long lastCommitNanos = System.nanoTime();
    private final OutageLog outage = OutageLog.standard(System.nanoTime());
    private final SinkStatusLine status = new SinkStatusLine(Duration.ofMinutes(1), System.nanoTime());
    private boolean paused;
    private static final long LAG_EVERY_NANOS = Duration.ofSeconds(1).toNanos();
    private long lastLagNanos = System.nanoTime() - LAG_EVERY_NANOS;

    private record DeadLetterResult(SourceRecord source, Exception failure, Runnable resend) {
    }

    public ElasticsearchSink(Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> deadLetterProducer,
                             ElasticsearchClient client, SinkRoutes routes, String deadLetterTopic,
                             SinkSettings settings) {
        this.consumer = consumer;
        this.routes = routes;
        this.settings = settings;
        this.deadLetters = new DeadLetterPublisher(deadLetterProducer, deadLetterTopic);
        this.exporter = new BulkExporter(client, settings.batching(), exportResults::add);
    }

    public SinkStats stats() {
        return stats;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(routes.topics(), new Rebalance());
            log.info("Sink started: {} -> Elasticsearch, dead letters to {}", routes.topics(), deadLetters.topic());
            while (running.get()) {
                step();
            }
        } catch (WakeupException e) {
            if (running.get()) {
                throw e;
            }
        } finally {
            shutDown();
            stopped.countDown();
        }
    }

    private void step() {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(settings.pollTimeout())) {
            accept(record);
        }
        processResults();
        releaseDueRetries();
        commitIfDue(false);
        applyBackPressure();
        outage.tick(System.nanoTime(), tracker.openRecords());
        long now = System.nanoTime();
        if (now - lastLagNanos >= LAG_EVERY_NANOS) {
            // The consumer belongs to this thread: the lag is measured here for readers on others (/metrics).
            stats.recordsBehind.set(recordsBehind());
            lastLagNanos = now;
        }
        String line = status.tick(System.nanoTime(), clock.instant(), this::recordsBehind, stats);
        if (line != null) {
            log.info(line);
        }
    }

    /** Records not yet read (the consumer's lag from its last fetch) plus those read but not yet stored; -1 if unknown. */
    private long recordsBehind() {
        long behind = tracker.openRecords();
        try {
            for (TopicPartition partition : consumer.assignment()) {
                java.util.OptionalLong lag = consumer.currentLag(partition);
                if (lag.isEmpty()) {
                    return -1;
                }
                behind += lag.getAsLong();
            }
        } catch (RuntimeException e) {
            return -1; // a status line must never stop the sink
        }
        return behind;
    }

    private void accept(ConsumerRecord<byte[], byte[]> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        SourceRecord source = new SourceRecord(partition, record.offset(), tracker.epoch(partition), record.key(),
                record.value(), record.headers());
        stats.recordsRead.incrementAndGet();
        List<SinkDocument> documents;
        try {
            documents = routes.documents(record.topic(), record.value());
        } catch (RuntimeException e) {
            // Not decodable or not mappable: one dead letter for the record, nothing for Elasticsearch.
            tracker.track(partition, record.offset(), source.epoch(), 1);
            DeadLetterReason reason = e instanceof KafkaException
                    ? DeadLetterReason.SINK_UNDECODABLE : DeadLetterReason.SINK_UNMAPPABLE;
            log.warn("Record {}@{} cannot be mapped ({}); sending it to {}", partition, record.offset(), e.toString(),
                    deadLetters.topic());
            deadLetter(source, reason, e.getClass().getName(), String.valueOf(e.getMessage()), 0, null, null);
            return;
        }
        tracker.track(partition, record.offset(), source.epoch(), documents.size());
        for (SinkDocument document : documents) {
            exporter.export(new PendingDocument(source, document, 0));
        }
    }

    private void processResults() {
        ExportResult result;
        while ((result = exportResults.poll()) != null) {
            handle(result);
        }
        DeadLetterResult sent;
        while ((sent = deadLetterResults.poll()) != null) {
            if (sent.failure() == null) {
                stats.deadLetters.incrementAndGet();
                complete(sent.source());
            } else {
                log.warn("Dead letter for {}@{} not written ({}); retrying", sent.source().partition(),
                        sent.source().offset(), sent.failure().toString());
                retries.schedule(sent.resend(), System.nanoTime() + settings.backoff().delay(3).toNanos());
            }
        }
    }

    private void handle(ExportResult result) {
        PendingDocument pending = result.document();
        switch (result.verdict()) {
            case STORED -> {
                stats.documentsStored.incrementAndGet();
                stats.lastStoredAtMillis.set(clock.millis());
                outage.progressed(System.nanoTime());
                complete(pending.source());
            }
            case SUPERSEDED -> {
                stats.documentsSuperseded.incrementAndGet();
                stats.lastStoredAtMillis.set(clock.millis());
                outage.progressed(System.nanoTime());
                complete(pending.source());
            }
            case RETRY -> {
                stats.retries.incrementAndGet();
                outage.failed(System.nanoTime(), "status " + result.status() + ", " + result.errorType() + ": "
                        + result.reason(), tracker.openRecords());
                Duration delay = settings.backoff().delay(pending.attempt());
                PendingDocument next = pending.nextAttempt();
                retries.schedule(() -> exportIfCurrent(next), System.nanoTime() + delay.toNanos());
            }
            case REJECTED -> {
                SinkDocument doc = pending.document();
                log.warn("Elasticsearch rejected {}/{} for good (status {}, {}: {}); sending the record to {}",
                        doc.index(), doc.id(), result.status(), result.errorType(), result.reason(), deadLetters.topic());
                deadLetter(pending.source(), DeadLetterReason.ELASTICSEARCH_REJECTED, result.errorType(), result.reason(),
                        result.status(), doc.index(), doc.id());
            }
        }
    }

    private void deadLetter(SourceRecord source, DeadLetterReason reason, String errorType, String detail,
                            int status, String index, String documentId) {
        Runnable send = new Runnable() {
            @Override
            public void run() {
                if (source.epoch() != tracker.epoch(source.partition())) {
                    return;
                }
                deadLetters.publish(source, SinkDeadLetterHeaders.of(source, reason, errorType, detail, status, index,
                        documentId, clock.instant()), (s, failure) -> deadLetterResults.add(
                        new DeadLetterResult(s, failure, this)));
            }
        };
        send.run();
    }

    private void exportIfCurrent(PendingDocument document) {
        // A retry of a partition revoked meanwhile belongs to its new owner now.
        if (document.source().epoch() == tracker.epoch(document.source().partition())) {
            exporter.export(document);
        }
    }

    private void complete(SourceRecord source) {
        tracker.complete(source.partition(), source.offset(), source.epoch());
    }

    private void releaseDueRetries() {
        for (Runnable retry : retries.due(System.nanoTime())) {
            retry.run();
        }
    }

    private void commitIfDue(boolean force) {
        long now = System.nanoTime();
        if (!force && now - lastCommitNanos < settings.commitInterval().toNanos()) {
            return;
        }
        lastCommitNanos = now;
        Map<TopicPartition, OffsetAndMetadata> offsets = tracker.committable();
        if (offsets.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(offsets);
            tracker.markCommitted(offsets);
            stats.commits.incrementAndGet();
            log.debug("Committed {}", offsets);
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            // Retried at the next interval; a rebalance that caused it re-reads from the last commit.
            log.warn("Offset commit failed, will retry: {}", e.toString());
        }
    }

    private void applyBackPressure() {
        int open = tracker.openRecords();
        if (!paused && open >= settings.maxOpenRecords()) {
            consumer.pause(consumer.assignment());
            paused = true;
            log.info("Paused reading: {} records wait for Elasticsearch", open);
        } else if (paused && open < settings.maxOpenRecords() / 2) {
            consumer.resume(consumer.assignment());
            paused = false;
            log.info("Resumed reading: {} records open", open);
        }
    }

    /** Drains what is in flight (bounded by closeTimeout), commits what finished, closes. */
    private void shutDown() {
        long deadline = System.nanoTime() + settings.closeTimeout().toNanos();
        try {
            exporter.flush();
            while (tracker.openRecords() > 0 && System.nanoTime() < deadline) {
                processResults();
                releaseDueRetries();
                exporter.flush();
                sleepQuietly(20);
            }
            if (tracker.openRecords() > 0) {
                log.warn("Closing with {} records not yet in Elasticsearch; they are not committed and will be "
                        + "read again", tracker.openRecords());
            }
            commitIfDue(true);
        } catch (RuntimeException e) {
            log.warn("Sink shutdown was not clean: {}", e.toString());
        } finally {
            closeQuietly(exporter);
            deadLetters.flush();
            consumer.close();
            log.info("Sink stopped: {}", stats);
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            log.warn("Close failed: {}", e.toString());
        }
    }

    /** Stops the loop and waits (up to closeTimeout plus a margin) for it to drain and close. */
    @Override
    public void close() {
        if (running.compareAndSet(true, false)) {
            consumer.wakeup();
        }
        try {
            stopped.await(settings.closeTimeout().toMillis() + 10_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>(tracker.committable());
            offsets.keySet().retainAll(partitions);
            if (!offsets.isEmpty()) {
                try {
                    consumer.commitSync(offsets);
                } catch (KafkaException e) {
                    log.warn("Commit on revocation failed: {}", e.toString());
                }
            }
            tracker.forget(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            tracker.forget(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (paused) {
                consumer.pause(partitions);
            }
        }
    }
}
