package io.pmtuwatch.probe.capture;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.RandomAccess;

/**
 * MTU events in capture order, appended only and bounded: the first {@code capacity} are kept, the rest
 * only counted. Because nothing kept ever changes, {@link #snapshot()} shares the array instead of
 * copying it: the live sensor snapshots a flow for every packet-too-big, and copying the flow's whole
 * list each time made a PTB flood on one flow quadratic. Not thread-safe; snapshots are immutable and
 * may go to any thread.
 */
final class MtuEventLog {

    private final int capacity;
    private MtuEvent[] events = new MtuEvent[8];
    private int size;
    private long total;

    MtuEventLog(int capacity) {
        this.capacity = capacity;
    }

    void add(MtuEvent event) {
        total++;
        if (size == capacity) {
            return;
        }
        if (size == events.length) {
            // A new array: snapshots keep the old one, whose first entries never change.
            events = Arrays.copyOf(events, (int) Math.min(capacity, 2L * size));
        }
        events[size++] = event;
    }

    /** Events kept (at most the capacity). */
    int size() {
        return size;
    }

    MtuEvent get(int index) {
        return events[index];
    }

    /** Events seen, those beyond the capacity included. */
    long total() {
        return total;
    }

    /** The events kept so far, unchanged by later additions; O(1). */
    List<MtuEvent> snapshot() {
        // Unmodifiable on top: every mutator throws, even on an empty list, as List.copyOf's did.
        return Collections.unmodifiableList(new Prefix(events, size));
    }

    /** The first {@code size} entries of an array nobody writes below {@code size} again. */
    private static final class Prefix extends AbstractList<MtuEvent> implements RandomAccess {

        private final MtuEvent[] events;
        private final int size;

        Prefix(MtuEvent[] events, int size) {
            this.events = events;
            this.size = size;
        }

        @Override
        public MtuEvent get(int index) {
            java.util.Objects.checkIndex(index, size);
            return events[index];
        }

        @Override
        public int size() {
            return size;
        }
    }
}
