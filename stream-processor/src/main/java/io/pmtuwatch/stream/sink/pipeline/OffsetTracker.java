package io.pmtuwatch.stream.sink.pipeline;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which offsets may be committed: a record is done when every one of its documents is stored,
 * superseded or dead-lettered, and a partition's committable offset is its lowest record not yet
 * done. Documents finish out of order (retries), so a later record's success never lets the offset
 * jump over an earlier record that is still being retried. Pure bookkeeping, one thread.
 */
public final class OffsetTracker {

    private static final class PartitionState {
        final int epoch;
        final TreeMap<Long, Integer> open = new TreeMap<>();
        long nextOffset = -1;
        long committed = -1;

        PartitionState(int epoch) {
            this.epoch = epoch;
        }

        long committable() {
            return open.isEmpty() ? nextOffset : open.firstKey();
        }
    }

    private final Map<TopicPartition, PartitionState> partitions = new HashMap<>();
    private final Map<TopicPartition, Integer> epochs = new HashMap<>();
    private int openRecords;

    /** Epoch to stamp on records read from this partition now. */
    public int epoch(TopicPartition partition) {
        return epochs.getOrDefault(partition, 0);
    }

    /** A record read with this many documents to write (0: done at once). */
    public void track(TopicPartition partition, long offset, int epoch, int documents) {
        PartitionState state = partitions.computeIfAbsent(partition, p -> new PartitionState(epoch));
        if (state.epoch != epoch) {
            return;
        }
        state.nextOffset = Math.max(state.nextOffset, offset + 1);
        if (documents > 0) {
            state.open.merge(offset, documents, Integer::sum);
            openRecords++;
        }
    }

    /** One document of a record finished; returns false when the result is stale (partition revoked since). */
    public boolean complete(TopicPartition partition, long offset, int epoch) {
        PartitionState state = partitions.get(partition);
        if (state == null || state.epoch != epoch) {
            return false;
        }
        Integer remaining = state.open.get(offset);
        if (remaining == null) {
            return false;
        }
        if (remaining == 1) {
            state.open.remove(offset);
            openRecords--;
        } else {
            state.open.put(offset, remaining - 1);
        }
        return true;
    }

    /** Offsets that advanced since the last {@link #markCommitted}; the Kafka convention: next offset to read. */
    public Map<TopicPartition, OffsetAndMetadata> committable() {
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        partitions.forEach((partition, state) -> {
            long offset = state.committable();
            if (offset > state.committed) {
                out.put(partition, new OffsetAndMetadata(offset));
            }
        });
        return out;
    }

    public void markCommitted(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((partition, offset) -> {
            PartitionState state = partitions.get(partition);
            if (state != null) {
                state.committed = Math.max(state.committed, offset.offset());
            }
        });
    }

    /** Partitions revoked or lost: forget them; results still in flight for them become stale. */
    public void forget(Collection<TopicPartition> revoked) {
        for (TopicPartition partition : revoked) {
            PartitionState state = partitions.remove(partition);
            if (state != null) {
                openRecords -= state.open.size();
            }
            epochs.merge(partition, 1, Integer::sum);
        }
    }

    /** Records read but not done yet: what back-pressure limits. */
    public int openRecords() {
        return openRecords;
    }
}
