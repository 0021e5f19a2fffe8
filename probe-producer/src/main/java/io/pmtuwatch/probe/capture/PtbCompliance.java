package io.pmtuwatch.probe.capture;

/**
 * Whether one sender of a TCP flow honours the frag-needed / packet-too-big messages routers send it,
 * judged from its segments on the wire. A sender that honours one resends the refused data in packets
 * that fit; one that ignores it (PMTU discovery off, or a firewall in front of it dropping the ICMP)
 * resends the same data at the old size, again and again. Only resent data counts (its sequence
 * starts below the highest sequence sent before), so new data already in flight when the message
 * reached the sender never does; two such resends are required, so one retransmission timer firing
 * before the message arrived does not either. Sequence numbers compare modulo 2^32. Pure; one per
 * direction of a flow; not thread-safe.
 */
final class PtbCompliance {

    /** Oversized resends after a packet-too-big that make the sender one that ignores it. */
    static final int RESENDS_TO_JUDGE = 2;

    /** What the sender showed: the message it was sent and what it resent above that size afterwards. */
    record Ignored(int ptbMtu, String router, int oversizedResends, int largestPacket) {
    }

    private boolean dataSeen;
    private int highestEnd;
    private int ptbMtu;
    private String router;
    private int oversizedResends;
    private int largestPacket;

    /** A valid packet-too-big sent to this sender about this flow. */
    void packetTooBig(int mtu, String from) {
        if (ptbMtu == 0 || mtu < ptbMtu) {
            ptbMtu = mtu;
            router = from;
        }
    }

    /**
     * One data segment of this sender (offload super-segments excluded by the caller).
     *
     * @return true when this segment is the one that proves the sender ignores the packet-too-big
     */
    boolean segment(long sequence, int payload, int ipLength, boolean dontFragment) {
        if (payload <= 0) {
            return false;
        }
        int start = (int) sequence;
        int end = start + payload;
        boolean resent = dataSeen && start - highestEnd < 0;
        if (!dataSeen || end - highestEnd > 0) {
            highestEnd = end;
            dataSeen = true;
        }
        if (ptbMtu == 0 || !resent || !dontFragment || ipLength <= ptbMtu) {
            return false;
        }
        oversizedResends++;
        largestPacket = Math.max(largestPacket, ipLength);
        return oversizedResends == RESENDS_TO_JUDGE;
    }

    /** The evidence when the sender ignores packet-too-big, else null. */
    Ignored ignored() {
        return oversizedResends >= RESENDS_TO_JUDGE ? new Ignored(ptbMtu, router, oversizedResends, largestPacket)
                : null;
    }
}
