package io.pmtuwatch.probe.capture;

import java.net.InetAddress;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The flows of a {@link TrafficAnalyzer}, in order of first appearance, with a shortcut for the common
 * case of a segment of the same conversation as the one before (either direction): then neither
 * endpoints nor a key are built and no map is searched. A shortcut hit needs the very address instances
 * of the last lookup (the decoder hands out one per busy address), so it never answers for another flow;
 * a miss just takes the map. Not thread-safe.
 */
final class FlowTable {

    /** A flow as one packet of it sees it: its source and destination endpoints. */
    record Sided(FlowStats flow, Endpoint source, Endpoint destination) {
    }

    private final Map<FlowKey, FlowStats> flows = new LinkedHashMap<>();
    /** The last conversation looked up with {@link #sided}, as sent and as answered; null when none. */
    private Sided forward;
    private Sided reverse;

    /** The flow of {@code key}, made when new. */
    FlowStats flow(FlowKey key, int ipVersion) {
        return flows.computeIfAbsent(key, k -> new FlowStats(k, ipVersion));
    }

    /** The flow of a packet from {@code source}:{@code sourcePort} to {@code destination}:{@code destinationPort}, made when new. */
    Sided sided(int protocol, InetAddress source, int sourcePort, InetAddress destination, int destinationPort,
            int ipVersion) {
        if (forward != null && forward.flow().key.protocol() == protocol) {
            if (is(forward.source(), source, sourcePort) && is(forward.destination(), destination, destinationPort)) {
                return forward;
            }
            if (is(reverse.source(), source, sourcePort) && is(reverse.destination(), destination, destinationPort)) {
                return reverse;
            }
        }
        Endpoint from = new Endpoint(source, sourcePort);
        Endpoint to = new Endpoint(destination, destinationPort);
        FlowStats flow = flow(FlowKey.of(protocol, from, to), ipVersion);
        forward = new Sided(flow, from, to);
        reverse = new Sided(flow, to, from);
        return forward;
    }

    private static boolean is(Endpoint endpoint, InetAddress address, int port) {
        return endpoint.address() == address && endpoint.port() == port;
    }

    Collection<FlowStats> values() {
        return flows.values();
    }

    int size() {
        return flows.size();
    }

    /** Drops the flows {@code drop} selects. */
    void removeIf(Predicate<FlowStats> drop) {
        forward = null;
        reverse = null;
        flows.values().removeIf(drop);
    }
}
