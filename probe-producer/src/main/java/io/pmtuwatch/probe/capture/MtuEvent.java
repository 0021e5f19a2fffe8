package io.pmtuwatch.probe.capture;

import io.pmtuwatch.probe.packet.IcmpKind;

/**
 * One ICMP frag-needed or ICMPv6 packet-too-big seen on the wire.
 *
 * @param frame           frame number in the capture
 * @param timestampMicros capture time
 * @param kind            FRAG_NEEDED or PACKET_TOO_BIG
 * @param router          sender of the ICMP error: the router in front of the smaller link
 * @param receiver        where the ICMP error went (the sender of the quoted packet)
 * @param ttl             TTL / hop limit of the ICMP error as received
 * @param mtu             reported MTU (0: none given)
 * @param flow            the quoted flow, null when the quote is too short to name it
 * @param quotedSource    the quoted packet's sender (innermost, after tunnels)
 * @param quotedDestination the quoted packet's destination
 * @param protocol        quoted transport protocol
 * @param quotedLength    total length the quoted IP header claims
 * @param refusedSize     the size of the packet the router refused: the quoted length, or, when the quote
 *                        claims no more than the MTU (some routers rewrite it), the largest packet of that
 *                        flow and direction seen before; used to judge the MTU
 * @param invalidReason   why this message cannot lower a PMTU; null when it can
 * @param notes           oddities worth a look that do not invalidate it
 */
public record MtuEvent(long frame, long timestampMicros, IcmpKind kind, String router, String receiver, int ttl,
                       int mtu, FlowKey flow, Endpoint quotedSource, Endpoint quotedDestination, int protocol,
                       int quotedLength, int refusedSize, String invalidReason, java.util.List<String> notes) {

    public boolean valid() {
        return invalidReason == null;
    }

    public int ipVersion() {
        return kind == IcmpKind.PACKET_TOO_BIG ? 6 : 4;
    }
}
