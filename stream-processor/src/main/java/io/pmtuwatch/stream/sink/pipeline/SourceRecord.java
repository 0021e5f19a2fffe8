package io.pmtuwatch.stream.sink.pipeline;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;

/**
 * The Kafka record a document came from: its position (to commit once every document of it is
 * done) and its raw bytes (to dead-letter it unchanged, replayable).
 *
 * @param epoch the partition's assignment epoch when the record was read; results that arrive after
 *              the partition was revoked carry an old epoch and are ignored
 */
public record SourceRecord(TopicPartition partition, long offset, int epoch, byte[] key, byte[] value,
                           Headers headers) {
}
