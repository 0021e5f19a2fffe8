package io.pmtuwatch.probe.capture;

import io.pmtuwatch.probe.packet.IpHeader;
import io.pmtuwatch.probe.packet.IpPacket;
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
 * a miss just takes the map. A TCP segment decoded in place ({@link IpHeader}) has no address objects: its
 * shortcut compares the address and port values of the last such lookup instead. Not thread-safe.
 */
final class FlowTable {

    /** A flow as one packet of it sees it: its source and destination endpoints. */
    record Sided(FlowStats flow, Endpoint source, Endpoint destination) {
    }

    private final Map<FlowKey, FlowStats> flows = new LinkedHashMap<>();
    /** The last conversation looked up with {@link #sided}, as sent and as answered; null when none. */
    private Sided forward;
    private Sided reverse;
    /** The address and port values of {@link #forward}, when it was looked up from an {@link IpHeader}. */
    private boolean valuesKnown;
    private int version;
    private long sourceHigh;
    private long sourceLow;
    private long destinationHigh;
    private long destinationLow;
    private int sourcePort;
    private int destinationPort;

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
        valuesKnown = false;
        return forward;
    }

    /** {@link #sided} of a TCP segment whose IP header was decoded in place: address objects only on a miss. */
    Sided sided(IpHeader ip, int sourcePort, int destinationPort) {
        if (valuesKnown && ip.version() == version) {
            if (sourcePort == this.sourcePort && destinationPort == this.destinationPort
                    && ip.sourceLow() == sourceLow && ip.destinationLow() == destinationLow
                    && ip.sourceHigh() == sourceHigh && ip.destinationHigh() == destinationHigh) {
                return forward;
            }
            if (sourcePort == this.destinationPort && destinationPort == this.sourcePort
                    && ip.sourceLow() == destinationLow && ip.destinationLow() == sourceLow
                    && ip.sourceHigh() == destinationHigh && ip.destinationHigh() == sourceHigh) {
                return reverse;
            }
        }
        Sided found = sided(IpPacket.PROTOCOL_TCP, ip.source(), sourcePort, ip.destination(), destinationPort,
                ip.version());
        // Remember forward's values: this segment's, or the other way round when it was the reverse.
        boolean asSent = found == forward;
        valuesKnown = true;
        version = ip.version();
        this.sourceHigh = asSent ? ip.sourceHigh() : ip.destinationHigh();
        this.sourceLow = asSent ? ip.sourceLow() : ip.destinationLow();
        this.destinationHigh = asSent ? ip.destinationHigh() : ip.sourceHigh();
        this.destinationLow = asSent ? ip.destinationLow() : ip.sourceLow();
        this.sourcePort = asSent ? sourcePort : destinationPort;
        this.destinationPort = asSent ? destinationPort : sourcePort;
        return found;
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
        valuesKnown = false;
        flows.values().removeIf(drop);
    }
}
