package io.pmtuwatch.probe.capture;

import io.pmtuwatch.probe.packet.IpPacket;

/**
 * Tells a quoted TSO/GRO super-segment from a packet that really crossed a link. A receiver's MSS
 * bounds every TCP segment sent to it on the wire; a quote whose payload exceeds it even with the
 * largest TCP header (60 bytes) was never a wire packet. Pure.
 */
final class OffloadQuotes {

    private static final int MAX_TCP_HEADER = 60;

    private OffloadQuotes() {
    }

    /** True when the quoted TCP packet is longer than any segment the receiver's MSS allows. */
    static boolean isSuperSegment(IpPacket quoted, int receiverMss) {
        return quoted.totalLength() - quoted.headerLength() - MAX_TCP_HEADER > receiverMss;
    }
}
