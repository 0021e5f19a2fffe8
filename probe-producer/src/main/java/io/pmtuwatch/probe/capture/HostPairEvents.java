package io.pmtuwatch.probe.capture;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The MTU events of a capture grouped by the two hosts of the flow they quote, for what one flow of a
 * host pair learns from the PTBs about the pair's other flows (a PMTU belongs to the hosts, not to a
 * port): how many there are, and the first of each distinct message among them. Each flow's answer
 * costs what is distinct in its pair, not the pair's events: filtering the pair's whole list per flow
 * was O(flows × events of the pair). Pure.
 */
final class HostPairEvents {

    /** What the diagnosis tells apart in a PTB: router, MTU, refused size and verdict. */
    record Message(String router, int mtu, int refusedSize, String invalidReason) {
        static Message of(MtuEvent e) {
            return new Message(e.router(), e.mtu(), e.refusedSize(), e.invalidReason());
        }

        // Written out: the generated ones go through method handles, slow until the JIT has them, and
        // every PTB of a capture is looked up once.
        @Override
        public boolean equals(Object o) {
            return o instanceof Message other && mtu == other.mtu && refusedSize == other.refusedSize
                    && router.equals(other.router) && java.util.Objects.equals(invalidReason, other.invalidReason);
        }

        @Override
        public int hashCode() {
            return ((31 * router.hashCode() + mtu) * 31 + refusedSize) * 31 + java.util.Objects.hashCode(invalidReason);
        }
    }

    /**
     * A message's first event in its pair, and its first event owned by another flow than the first's
     * (null when none): the first event of it not owned by a given flow is one of the two.
     */
    private static final class Firsts {
        final int position;
        final MtuEvent event;
        final FlowSnapshot owner;
        int otherPosition = -1;
        MtuEvent otherEvent;

        Firsts(int position, MtuEvent event, FlowSnapshot owner) {
            this.position = position;
            this.event = event;
            this.owner = owner;
        }
    }

    /** One host pair's events: their number, per owning flow, and per message in order of first appearance. */
    private static final class Pair {
        int events;
        final Map<FlowSnapshot, int[]> perOwner = new IdentityHashMap<>();
        final Map<Message, Firsts> messages = new LinkedHashMap<>();
    }

    private final Map<Set<InetAddress>, Pair> pairs = new HashMap<>();
    /** The addresses of the event added last and their pair. */
    private InetAddress lastSource;
    private InetAddress lastDestination;
    private Pair lastPair;

    private HostPairEvents() {
    }

    /**
     * @param events every MTU event of the capture, in capture order
     * @param flows  the flows, each owning the events in its own list
     */
    static HostPairEvents of(List<MtuEvent> events, List<FlowSnapshot> flows) {
        EventOwners owners = new EventOwners(flows);
        HostPairEvents grouped = new HostPairEvents();
        for (MtuEvent e : events) {
            grouped.add(e, owners);
        }
        return grouped;
    }

    /**
     * One event, in capture order. A method of its own: the loop over a capture's hundred thousand events
     * runs once, and its body, inlined there, ran interpreted until the loop's own compilation.
     */
    private void add(MtuEvent e, EventOwners owners) {
        if (e.quotedSource() == null) {
            return;
        }
        // Asked for every event that names a flow, those of a host talking to itself too: the owners'
        // cursors move past each event of their flow.
        FlowSnapshot owner = owners.of(e);
        InetAddress source = e.quotedSource().address();
        InetAddress destination = e.quotedDestination().address();
        if (source.equals(destination)) {
            return;
        }
        // Events come in runs about one flow, whose addresses are the same instances: no set made nor looked up.
        Pair pair = source == lastSource && destination == lastDestination ? lastPair
                : pairs.computeIfAbsent(key(source, destination), k -> new Pair());
        lastSource = source;
        lastDestination = destination;
        lastPair = pair;
        int position = pair.events++;
        pair.perOwner.computeIfAbsent(owner, o -> new int[1])[0]++; // a counter in place: no box per event
        Message message = Message.of(e);
        Firsts firsts = pair.messages.get(message);
        if (firsts == null) {
            pair.messages.put(message, new Firsts(position, e, owner));
        } else if (firsts.otherEvent == null && firsts.owner != owner) {
            firsts.otherPosition = position;
            firsts.otherEvent = e;
        }
    }

    /** Two hosts, in either order (one when a host talks to itself, e.g. over loopback). */
    static Set<InetAddress> key(InetAddress a, InetAddress b) {
        return a.equals(b) ? Set.of(a) : Set.of(a, b);
    }

    /** Events about flows between {@code a} and {@code b} other than {@code flow} (those not in its own list). */
    int others(FlowSnapshot flow, InetAddress a, InetAddress b) {
        Pair pair = pairs.get(key(a, b));
        if (pair == null) {
            return 0;
        }
        int[] own = pair.perOwner.get(flow);
        return pair.events - (own == null ? 0 : own[0]);
    }

    /**
     * Of the events {@link #others} counts, the first of each distinct {@link Message}, in the order of
     * those first events.
     */
    List<MtuEvent> firstOtherMessages(FlowSnapshot flow, InetAddress a, InetAddress b) {
        Pair pair = pairs.get(key(a, b));
        if (pair == null) {
            return List.of();
        }
        record First(int position, MtuEvent event) {
        }
        List<First> firsts = new ArrayList<>();
        for (Firsts message : pair.messages.values()) {
            if (message.owner != flow) {
                firsts.add(new First(message.position, message.event));
            } else if (message.otherEvent != null) {
                firsts.add(new First(message.otherPosition, message.otherEvent));
            }
        }
        firsts.sort(Comparator.comparingInt(First::position));
        List<MtuEvent> firstEvents = new ArrayList<>(firsts.size());
        firsts.forEach(first -> firstEvents.add(first.event()));
        return firstEvents;
    }
}
