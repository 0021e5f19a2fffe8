package io.pmtuwatch.stream.topology.internals;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * A time-ordered index of run deadlines, in memory only: every deadline is also in its run's stored
 * record, so the index is rebuilt from the runs store when a task starts (after a restore too) and
 * costs no changelog traffic. Finding what is due stops at the first future deadline: its cost is
 * the number of due entries, not the number of entries.
 *
 * <p>Deadlines that are set in time order (a finished run is forgotten a fixed retention after it
 * finished, by the wall clock) are {@link #append appended} to a queue instead of sorted in: the
 * sorted set then holds only the open runs, a few per path, instead of every run of the dedup
 * retention (sorting those in and out was 3% of the stream thread's CPU in the bench, and each costs
 * a tree node). An appended entry joins the sorted set once it is due, so entries are still handed out
 * by deadline, then key. One appended behind a later deadline (the wall clock set back) waits for that
 * one: a finished run is then remembered for a little longer.
 */
public final class DeadlineIndex {

    private final NavigableSet<Due> entries = new TreeSet<>();
    private final ArrayDeque<Due> appended = new ArrayDeque<>();

    public void put(long deadlineMs, String key) {
        entries.add(new Due(deadlineMs, key));
    }

    /** As {@link #put}, for a deadline usually no earlier than those appended before it. */
    public void append(long deadlineMs, String key) {
        appended.addLast(new Due(deadlineMs, key));
    }

    /**
     * Removes an entry put, or an appended one that was due; an appended entry not yet due stays
     * queued (its run's own deadline tells that it is stale when it comes).
     */
    public void delete(long deadlineMs, String key) {
        entries.remove(new Due(deadlineMs, key));
    }

    /** Entries due at or before {@code nowMs}, oldest first, at most {@code limit}; each stays until deleted. */
    public List<Due> due(long nowMs, int limit) {
        // At most limit at a time (after a long stop many are due at once); then nothing later than those left.
        for (int moved = 0; moved < limit && isDue(appended.peekFirst(), nowMs); moved++) {
            entries.add(appended.pollFirst());
        }
        long until = isDue(appended.peekFirst(), nowMs) ? appended.peekFirst().deadlineMs() - 1 : nowMs;
        List<Due> out = new ArrayList<>();
        for (Due due : entries) {
            if (due.deadlineMs() > until || out.size() >= limit) {
                break;
            }
            out.add(due);
        }
        return out;
    }

    private static boolean isDue(Due due, long nowMs) {
        return due != null && due.deadlineMs() <= nowMs;
    }

    public int size() {
        return entries.size() + appended.size();
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
