package io.pmtuwatch.probe.capture;

import java.util.ArrayList;
import java.util.List;

/**
 * The notes of an MTU event (oddities worth a look that do not invalidate it), from the facts they
 * depend on, made once per distinct set of facts and then shared: a flood of packet-too-bigs repeats a
 * handful of such sets, and formatting up to three sentences for every message cost analyze's main thread
 * its string building and the JIT a large share of its work (the event path compiled with every
 * concatenation inlined). Equal facts give the same immutable list instance, which also lets a writer
 * render one list once. Not thread-safe.
 */
final class MtuEventNotes {

    /** A fact that does not apply (no note for it). */
    static final int ABSENT = -1;
    /** Direct-mapped: a set of facts that collides with another is formatted again, never confused with it. */
    private static final int SLOTS = 64;

    private final Entry[] slots;

    MtuEventNotes() {
        this(SLOTS);
    }

    /** @param slots a power of two (tests: one, so that every set of facts collides with the one before) */
    MtuEventNotes(int slots) {
        this.slots = new Entry[slots];
    }

    /** One set of facts and its notes. */
    private record Entry(int tunnelledVersion, int quotedLength, int mtu, int rewrittenSeen, int superSegmentMss,
                         boolean ownDestination, boolean linkLocalTarget, List<String> notes) {
    }

    /**
     * The notes, in this order: the quote is tunnelled, its length was rewritten, it is an offload
     * super-segment, the sender is the quoted packet's own destination, the quoted length exceeds a
     * 1500-byte link, a global sender addresses a link-local host.
     *
     * @param tunnelledVersion IP version of the quoted inner packet when the quote is tunnelled, else {@link #ABSENT}
     * @param rewrittenSeen    the flow's largest packet seen before when the quoted length is not above the MTU
     *                         (a router rewrote it), else {@link #ABSENT}
     * @param superSegmentMss  the receiver's MSS when the quote is an offload super-segment, else {@link #ABSENT}
     */
    List<String> of(int tunnelledVersion, int quotedLength, int mtu, int rewrittenSeen, int superSegmentMss,
            boolean ownDestination, boolean linkLocalTarget) {
        boolean exceedsLink = exceedsLink(quotedLength, mtu);
        if (tunnelledVersion == ABSENT && rewrittenSeen == ABSENT && superSegmentMss == ABSENT && !ownDestination
                && !exceedsLink && !linkLocalTarget) {
            return List.of();
        }
        int hash = ((((tunnelledVersion * 31 + quotedLength) * 31 + mtu) * 31 + rewrittenSeen) * 31 + superSegmentMss)
                * 4 + (ownDestination ? 2 : 0) + (linkLocalTarget ? 1 : 0);
        int slot = (hash ^ (hash >>> 16)) & (slots.length - 1);
        Entry e = slots[slot];
        if (e != null && e.tunnelledVersion == tunnelledVersion && e.quotedLength == quotedLength && e.mtu == mtu
                && e.rewrittenSeen == rewrittenSeen && e.superSegmentMss == superSegmentMss
                && e.ownDestination == ownDestination && e.linkLocalTarget == linkLocalTarget) {
            return e.notes;
        }
        List<String> notes = format(tunnelledVersion, quotedLength, mtu, rewrittenSeen, superSegmentMss,
                ownDestination, exceedsLink, linkLocalTarget);
        slots[slot] = new Entry(tunnelledVersion, quotedLength, mtu, rewrittenSeen, superSegmentMss, ownDestination,
                linkLocalTarget, notes);
        return notes;
    }

    private static boolean exceedsLink(int quotedLength, int mtu) {
        return quotedLength > 1500 && mtu >= 1500;
    }

    private static List<String> format(int tunnelledVersion, int quotedLength, int mtu, int rewrittenSeen,
            int superSegmentMss, boolean ownDestination, boolean exceedsLink, boolean linkLocalTarget) {
        List<String> notes = new ArrayList<>(3);
        if (tunnelledVersion != ABSENT) {
            notes.add("quoted packet is tunnelled; affected flow is the inner " + (tunnelledVersion == 4 ? "IPv4" : "IPv6")
                    + " one");
        }
        if (rewrittenSeen != ABSENT) {
            notes.add("quoted IP length " + quotedLength + " is not above the MTU " + mtu
                    + " (the router rewrote or cut it); judged against the largest packet of the flow seen before, "
                    + rewrittenSeen);
        }
        if (superSegmentMss != ABSENT) {
            notes.add("quoted length " + quotedLength + " is an offload super-segment (above the receiver's MSS "
                    + superSegmentMss + " plus headers): the size of the refused wire packet is unknown");
        }
        if (ownDestination) {
            notes.add("sent by the quoted packet's own destination (a host or tunnel endpoint, not a transit router)");
        }
        if (exceedsLink) {
            notes.add("quoted length " + quotedLength + " exceeds a 1500-byte link: coalesced by offload or a middlebox");
        }
        if (linkLocalTarget) {
            // A link-local address is only reachable on its link: a global sender addressing it is on that
            // link pretending to be a remote router, the pattern of PTB-based attacks.
            notes.add("a global sender addressing a link-local host: suspicious (crafted or misrouted PTB)");
        }
        return List.copyOf(notes);
    }
}
