package io.pmtuwatch.stream.topology.internals;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DeadlineIndexTest {

    private static DeadlineIndex.Due due(long at, String key) {
        return new DeadlineIndex.Due(at, key);
    }

    @Test
    void entriesPutAndAppendedAreDueTogetherByDeadlineThenKey() {
        DeadlineIndex index = new DeadlineIndex();
        index.put(20, "open-b");
        index.append(10, "finished-z");
        index.append(20, "finished-a");
        index.append(30, "finished-late");
        index.put(10, "open-a");
        index.put(40, "open-later");

        assertThat(index.due(5, 100)).isEmpty();
        assertThat(index.due(25, 100)).containsExactly(due(10, "finished-z"), due(10, "open-a"), due(20, "finished-a"),
                due(20, "open-b"));
        assertThat(index.size()).isEqualTo(6);
    }

    @Test
    void aDueEntryStaysUntilDeletedAndThenIsGone() {
        DeadlineIndex index = new DeadlineIndex();
        index.append(10, "finished");
        index.put(10, "open");

        assertThat(index.due(10, 100)).hasSize(2);
        assertThat(index.due(11, 100)).as("not deleted yet").hasSize(2);
        index.delete(10, "finished");
        index.delete(10, "open");
        assertThat(index.due(100, 100)).isEmpty();
        assertThat(index.size()).isZero();
    }

    @Test
    void atMostTheLimitIsHandedOutAndNothingLaterThanAppendedEntriesStillWaiting() {
        DeadlineIndex index = new DeadlineIndex();
        for (int i = 0; i < 5; i++) {
            index.append(10 + i, "finished-" + i);
        }
        index.put(12, "open-at-12");
        index.put(30, "open-at-30");

        List<DeadlineIndex.Due> first = index.due(100, 2);
        assertThat(first).containsExactly(due(10, "finished-0"), due(11, "finished-1"));
        first.forEach(d -> index.delete(d.deadlineMs(), d.key()));
        List<DeadlineIndex.Due> second = index.due(100, 2);
        assertThat(second).containsExactly(due(12, "finished-2"), due(12, "open-at-12"));
        second.forEach(d -> index.delete(d.deadlineMs(), d.key()));
        assertThat(index.due(100, 10)).containsExactly(due(13, "finished-3"), due(14, "finished-4"), due(30, "open-at-30"));
    }

    @Test
    void anEntryAppendedBehindALaterOneWaitsForIt() {
        DeadlineIndex index = new DeadlineIndex();
        index.append(50, "finished-before-the-clock-went-back");
        index.append(40, "finished-after");

        assertThat(index.due(45, 100)).isEmpty();
        assertThat(index.due(50, 100)).containsExactly(due(40, "finished-after"), due(50, "finished-before-the-clock-went-back"));
    }
}
