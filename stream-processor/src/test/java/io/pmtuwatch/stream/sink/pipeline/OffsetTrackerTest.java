package io.pmtuwatch.stream.sink.pipeline;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OffsetTrackerTest {

    private static final TopicPartition P0 = new TopicPartition("t", 0);
    private static final TopicPartition P1 = new TopicPartition("t", 1);

    private final OffsetTracker tracker = new OffsetTracker();

    @Test
    void aLaterRecordsSuccessDoesNotCommitPastAnEarlierOneStillRetrying() {
        tracker.track(P0, 10, 0, 2);
        tracker.track(P0, 11, 0, 1);
        tracker.complete(P0, 11, 0);
        tracker.complete(P0, 10, 0);
        assertThat(tracker.committable()).isEqualTo(Map.of(P0, new OffsetAndMetadata(10)));
        tracker.complete(P0, 10, 0);
        assertThat(tracker.committable()).isEqualTo(Map.of(P0, new OffsetAndMetadata(12)));
        assertThat(tracker.openRecords()).isZero();
    }

    @Test
    void onlyOffsetsThatAdvancedAreOfferedAgain() {
        tracker.track(P0, 0, 0, 0);
        tracker.track(P1, 5, 0, 1);
        Map<TopicPartition, OffsetAndMetadata> first = tracker.committable();
        assertThat(first).isEqualTo(Map.of(P0, new OffsetAndMetadata(1), P1, new OffsetAndMetadata(5)));
        tracker.markCommitted(first);
        assertThat(tracker.committable()).isEmpty();
        tracker.complete(P1, 5, 0);
        assertThat(tracker.committable()).isEqualTo(Map.of(P1, new OffsetAndMetadata(6)));
    }

    @Test
    void resultsForARevokedPartitionAreStaleAndDoNotTouchItsNextAssignment() {
        tracker.track(P0, 3, tracker.epoch(P0), 1);
        int oldEpoch = tracker.epoch(P0);
        tracker.forget(List.of(P0));
        assertThat(tracker.openRecords()).isZero();
        tracker.track(P0, 3, tracker.epoch(P0), 1);
        assertThat(tracker.complete(P0, 3, oldEpoch)).as("stale").isFalse();
        assertThat(tracker.committable()).isEqualTo(Map.of(P0, new OffsetAndMetadata(3)));
        assertThat(tracker.complete(P0, 3, tracker.epoch(P0))).isTrue();
        assertThat(tracker.committable()).isEqualTo(Map.of(P0, new OffsetAndMetadata(4)));
    }
}
