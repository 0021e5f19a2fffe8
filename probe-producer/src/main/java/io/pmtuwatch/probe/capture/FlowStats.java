package io.pmtuwatch.probe.capture;

import io.pmtuwatch.probe.packet.TcpOptions;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What one flow showed: its handshake options, packet sizes each way, and the MTU events that quote
 * it. Mutable accumulator owned by {@link TrafficAnalyzer}, never handed out: others get a
 * {@link FlowSnapshot}. Not thread-safe.
 */
final class FlowStats {

    final FlowKey key;
    final int ipVersion;
    /** The side that sent the SYN (or, when only a SYN-ACK was seen, the side it went to); null when neither. */
    Endpoint client;
    Endpoint server;
    int encapsulations;
    int tunnelOverhead;

    int synCount;
    int synAckCount;
    /** Distinct MSS values of this flow's SYNs (null = no option), in order of appearance. */
    final Set<Integer> synMssValues = new LinkedHashSet<>();
    TcpOptions synOptions;
    TcpOptions synAckOptions;
    long synMicros = -1;
    long synAckMicros = -1;
    /** SYNs with FIN, RST, URG or PSH set too: scanner probes, not a connection's real handshake. */
    int oddSynCount;
    int mssOnNonSyn;

    /** Largest IP packet each way (from the IP header, so snaplen cuts do not shrink it), offload excluded. */
    int largestFromClient;
    int largestFromServer;
    /** TCP payloads larger than the receiver's advertised MSS: TSO/GRO super-segments, not wire packets. */
    int offloadSegments;
    int largestOffloadPacket;
    long packets;
    long lastMicros;
    /** The handshake was handed to the listener (once per flow). */
    boolean reported;

    /** Bounded: a live sensor's flow under a PTB flood must not grow without end (the rest are counted). */
    static final int MAX_EVENTS = 100_000;
    final MtuEventLog mtuEvents = new MtuEventLog(MAX_EVENTS);
    /** Largest packet each way after the first valid MTU event of that direction: did the sender adapt? */
    int largestFromClientAfterPtb;
    int largestFromServerAfterPtb;
    boolean ptbTowardsClient;
    boolean ptbTowardsServer;
    /** Does each side resend above the MTU of a packet-too-big it was sent? (TCP only) */
    final PtbCompliance clientCompliance = new PtbCompliance();
    final PtbCompliance serverCompliance = new PtbCompliance();

    FlowStats(FlowKey key, int ipVersion) {
        this.key = key;
        this.ipVersion = ipVersion;
    }

    boolean fromClient(Endpoint source) {
        return client != null ? client.equals(source) : source.equals(key.low());
    }

    PtbCompliance compliance(Endpoint sender) {
        return fromClient(sender) ? clientCompliance : serverCompliance;
    }

    /** MSS of the first real SYN (the one a handshake is judged on). */
    Integer mssSent() {
        return mss(synOptions);
    }

    Integer mssReceived() {
        return mss(synAckOptions);
    }

    static Integer mss(TcpOptions options) {
        return options == null ? null : options.mss();
    }

    /** An immutable copy of what this flow has shown so far. */
    FlowSnapshot snapshot() {
        return new FlowSnapshot(this);
    }
}
