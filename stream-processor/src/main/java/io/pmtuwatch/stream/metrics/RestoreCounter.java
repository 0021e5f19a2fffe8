package io.pmtuwatch.stream.metrics;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the changelog records each store replays into an active task, so an operator sees how much
 * state a start or a fail-over had to rebuild (and a test can assert a restart rebuilt little).
 */
public final class RestoreCounter implements StateRestoreListener {

    private static final Logger log = LoggerFactory.getLogger(RestoreCounter.class);

    private final PipelineMetrics metrics;

    public RestoreCounter(PipelineMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void onRestoreStart(TopicPartition partition, String storeName, long startingOffset, long endingOffset) {
        log.debug("Restoring store {} from {} offsets {}..{}", storeName, partition, startingOffset, endingOffset);
    }

    @Override
    public void onBatchRestored(TopicPartition partition, String storeName, long batchEndOffset, long numRestored) {
        metrics.restored(storeName, numRestored);
    }

    @Override
    public void onRestoreEnd(TopicPartition partition, String storeName, long totalRestored) {
        log.info("Restored store {} from {}: {} changelog records", storeName, partition, totalRestored);
    }
}
