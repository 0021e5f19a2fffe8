package io.pmtuwatch.stream.topology.internals;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * A time-ordered index of run deadlines, in memory only: every deadline is also in its run's stored
 * record, so the index is rebuilt from the runs store when a task starts (after a restore too) and
 * costs no changelog traffic. Finding what is due stops at the first future deadline: its cost is
 * the number of due entries, not the number of entries.
 */
public final class DeadlineIndex {

    private final NavigableSet<Due> entries = new TreeSet<>();

    public void put(long deadlineMs, String key) {
        entries.add(new Due(deadlineMs, key));
    }

    public void delete(long deadlineMs, String key) {
        entries.remove(new Due(deadlineMs, key));
    }

    /** Entries due at or before {@code nowMs}, oldest first, at most {@code limit}. */
    public List<Due> due(long nowMs, int limit) {
        List<Due> out = new ArrayList<>();
        for (Due due : entries) {
            if (due.deadlineMs() > nowMs || out.size() >= limit) {
                break;
            }
            out.add(due);
        }
        return out;
    }

    public int size() {
        return entries.size();
    }

    /** One due entry. */
    public record Due(long deadlineMs, String key) implements Comparable<Due> {
        @Override
        public int compareTo(Due other) {
            int byTime = Long.compare(deadlineMs, other.deadlineMs);
            return byTime != 0 ? byTime : key.compareTo(other.key);
        }
    }
}
