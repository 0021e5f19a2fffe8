package io.pmtuwatch.probe.capture;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which flow keeps an MTU event in its own list, asked for the capture's events in capture order. An event
 * is kept by at most one flow, the one it quotes, whose list is in capture order too: a cursor per flow
 * answers with one comparison, where an identity map of every event (built before, then looked up) cost
 * analyze's report a pass over a hundred thousand events. An event the cursors do not find (no flow keeps
 * it: a flow's list is bounded) is looked up in such a map, built the first time it is needed. Not
 * thread-safe.
 */
final class EventOwners {

    /** A flow's list and the position of its next event not yet asked for. */
    private static final class Cursor {
        final FlowSnapshot flow;
        int next;

        Cursor(FlowSnapshot flow) {
            this.flow = flow;
        }
    }

    private final List<FlowSnapshot> flows;
    private final Map<FlowKey, Cursor> byKey = new HashMap<>();
    /** The cursor that answered last: events about one flow come in runs. */
    private Cursor last;
    private Map<MtuEvent, FlowSnapshot> byIdentity;

    EventOwners(List<FlowSnapshot> flows) {
        this.flows = flows;
        for (FlowSnapshot flow : flows) {
            byKey.putIfAbsent(flow.key, new Cursor(flow));
        }
    }

    /** The flow whose list holds {@code e}, null for none; events are asked for in capture order. */
    FlowSnapshot of(MtuEvent e) {
        FlowKey key = e.flow();
        if (key != null) {
            Cursor c = last != null && last.flow.key.equals(key) ? last : byKey.get(key);
            if (c != null && c.next < c.flow.mtuEvents.size() && c.flow.mtuEvents.get(c.next) == e) {
                c.next++;
                last = c;
                return c.flow;
            }
        }
        if (byIdentity == null) {
            int owned = 0;
            for (FlowSnapshot flow : flows) {
                owned += flow.mtuEvents.size();
            }
            byIdentity = new IdentityHashMap<>(owned); // sized once: no rehashing
            for (FlowSnapshot flow : flows) {
                for (MtuEvent kept : flow.mtuEvents) {
                    byIdentity.put(kept, flow);
                }
            }
        }
        return byIdentity.get(e);
    }
}
