package io.pmtuwatch.probe.capture;

import io.pmtuwatch.probe.packet.TcpOptions;
import java.util.List;
import java.util.Set;

/**
 * What one flow had shown when it was taken: an immutable copy of a {@link FlowStats}, handed to
 * listeners and reports so nothing outside the analyzer ever sees (or changes) a live accumulator.
 * Field meanings as in {@link FlowStats}.
 */
public final class FlowSnapshot {

    final FlowKey key;
    final int ipVersion;
    final Endpoint client;
    final Endpoint server;
    final int encapsulations;
    final int tunnelOverhead;
    final int synCount;
    final int synAckCount;
    final Set<Integer> synMssValues;
    final TcpOptions synOptions;
    final TcpOptions synAckOptions;
    final long synMicros;
    final long synAckMicros;
    final int oddSynCount;
    final int mssOnNonSyn;
    final int largestFromClient;
    final int largestFromServer;
    final int offloadSegments;
    final int largestOffloadPacket;
    final long packets;
    final long lastMicros;
    /** The events kept (at most {@link FlowStats#MAX_EVENTS}). */
    final List<MtuEvent> mtuEvents;
    /** Every MTU event of the flow so far, those beyond the kept ones included. */
    final long mtuEventCount;
    final int largestFromClientAfterPtb;
    final int largestFromServerAfterPtb;
    final boolean ptbTowardsClient;
    final boolean ptbTowardsServer;
    /** Evidence that the client / server ignores packet-too-big; null when it does not (or nothing showed). */
    final PtbCompliance.Ignored clientIgnoresPtb;
    final PtbCompliance.Ignored serverIgnoresPtb;

    FlowSnapshot(FlowStats live) {
        key = live.key;
        ipVersion = live.ipVersion;
        client = live.client;
        server = live.server;
        encapsulations = live.encapsulations;
        tunnelOverhead = live.tunnelOverhead;
        synCount = live.synCount;
        synAckCount = live.synAckCount;
        // Copied in order of appearance (Set.copyOf would lose it).
        synMssValues = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(live.synMssValues));
        synOptions = live.synOptions;
        synAckOptions = live.synAckOptions;
        synMicros = live.synMicros;
        synAckMicros = live.synAckMicros;
        oddSynCount = live.oddSynCount;
        mssOnNonSyn = live.mssOnNonSyn;
        largestFromClient = live.largestFromClient;
        largestFromServer = live.largestFromServer;
        offloadSegments = live.offloadSegments;
        largestOffloadPacket = live.largestOffloadPacket;
        packets = live.packets;
        lastMicros = live.lastMicros;
        // Shared, not copied: a snapshot per packet-too-big made a flood on one flow quadratic.
        mtuEvents = live.mtuEvents.snapshot();
        mtuEventCount = live.mtuEvents.total();
        largestFromClientAfterPtb = live.largestFromClientAfterPtb;
        largestFromServerAfterPtb = live.largestFromServerAfterPtb;
        ptbTowardsClient = live.ptbTowardsClient;
        ptbTowardsServer = live.ptbTowardsServer;
        clientIgnoresPtb = live.clientCompliance.ignored();
        serverIgnoresPtb = live.serverCompliance.ignored();
    }

    public FlowKey key() {
        return key;
    }

    public int ipVersion() {
        return ipVersion;
    }

    public List<MtuEvent> mtuEvents() {
        return mtuEvents;
    }

    /** MSS of the first real SYN (the one a handshake is judged on). */
    Integer mssSent() {
        return FlowStats.mss(synOptions);
    }

    Integer mssReceived() {
        return FlowStats.mss(synAckOptions);
    }

    /** A client that sends several different MSS values to one server is scanning, not connecting. */
    boolean scanLike() {
        return synMssValues.size() >= 3 || (oddSynCount > 0 && oddSynCount >= synCount - oddSynCount);
    }
}
