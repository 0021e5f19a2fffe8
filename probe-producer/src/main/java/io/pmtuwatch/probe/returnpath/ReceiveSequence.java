package io.pmtuwatch.probe.returnpath;

import java.util.Map;
import java.util.TreeMap;

/**
 * The target's sequence space as our capture saw it: how far the data arrived in order, and whether
 * the target has sent beyond that (a segment, or even a pure ACK, whose sequence number lies past
 * the first missing byte: the bytes in between were sent and lost). Offsets are relative to the
 * first byte after the SYN-ACK. Pure.
 */
final class ReceiveSequence {

    private static final long MOD = 1L << 32;

    private final long firstSequence;
    private final TreeMap<Long, Long> beyondHole = new TreeMap<>();
    private long next;
    private long highest;
    private boolean finished;
    private int segments;
    private int outOfOrderSegments;
    private int largestSegment;
    private int largestPacket;

    /** @param synAckSequence the sequence number of the target's SYN-ACK */
    ReceiveSequence(long synAckSequence) {
        this.firstSequence = (synAckSequence + 1) % MOD;
    }

    /**
     * Adds one segment from the target (or several merged by receive offload).
     *
     * @param payloadLength bytes of sequence space it covers
     * @param segmentLength payload bytes of the largest wire segment in it
     * @param packetLength  IP bytes of that wire segment
     * @return whether the in-order data advanced
     */
    boolean add(long sequence, int payloadLength, int segmentLength, int packetLength, boolean fin) {
        long start = (sequence - firstSequence + MOD) % MOD;
        if (start > MOD / 2) {
            return false; // before the SYN-ACK: not ours to count
        }
        long end = start + payloadLength + (fin ? 1 : 0);
        highest = Math.max(highest, Math.max(start, end));
        if (payloadLength > 0) {
            segments++;
            if (segmentLength > largestSegment) {
                largestSegment = segmentLength;
                largestPacket = packetLength;
            }
        }
        if (end == start) {
            return false;
        }
        if (start > next) {
            outOfOrderSegments++;
            beyondHole.merge(start, end, Math::max);
            return false;
        }
        long before = next;
        next = Math.max(next, end);
        // Close the hole with whatever arrived beyond it and now touches the in-order data.
        for (Map.Entry<Long, Long> e = beyondHole.firstEntry(); e != null && e.getKey() <= next;
             e = beyondHole.firstEntry()) {
            next = Math.max(next, e.getValue());
            beyondHole.pollFirstEntry();
        }
        if (fin && end <= next) {
            finished = true;
        }
        return next > before;
    }

    /** Bytes (and the FIN) received in order. */
    long inOrder() {
        return next;
    }

    /** The absolute sequence number of the first missing byte: what a packet-too-big must quote. */
    long firstMissingSequence() {
        return (firstSequence + next) % MOD;
    }

    /** The target sent data we have not received in order. */
    boolean hasHole() {
        return highest > next;
    }

    boolean finished() {
        return finished;
    }

    int segments() {
        return segments;
    }

    int outOfOrderSegments() {
        return outOfOrderSegments;
    }

    /** Payload bytes of the largest data segment, 0 when none arrived. */
    int largestSegment() {
        return largestSegment;
    }

    /** IP packet bytes of that segment, 0 when none arrived. */
    int largestPacket() {
        return largestPacket;
    }
}
