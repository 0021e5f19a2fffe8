package io.pmtuwatch.probe.capture;

import java.util.HashSet;
import java.util.Set;

/**
 * Tells which MTU events bring a message (router, MTU, refused size, verdict: {@link HostPairEvents.Message})
 * not seen before: repeats of one message say nothing new to the diagnosis, and keeping one each keeps it
 * linear in what is distinct, however long the capture. A flood repeats one message back to back, so a
 * repeat of the event before is known without a lookup. Not thread-safe.
 */
final class DistinctMessages {

    private final Set<HostPairEvents.Message> seen = new HashSet<>();
    private MtuEvent previous;

    /** Whether {@code e}'s message is new; it is seen from now on. */
    boolean add(MtuEvent e) {
        if (previous != null && sameMessage(previous, e)) {
            return false;
        }
        previous = e;
        return seen.add(HostPairEvents.Message.of(e));
    }

    /** Same router, MTU, size and verdict: the same message as far as the diagnosis goes. */
    private static boolean sameMessage(MtuEvent a, MtuEvent b) {
        return a.mtu() == b.mtu() && a.refusedSize() == b.refusedSize() && a.router().equals(b.router())
                && java.util.Objects.equals(a.invalidReason(), b.invalidReason());
    }
}
