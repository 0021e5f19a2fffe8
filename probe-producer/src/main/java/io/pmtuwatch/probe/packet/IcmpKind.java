package io.pmtuwatch.probe.packet;

/** The ICMP / ICMPv6 error messages the analyser tells apart. */
public enum IcmpKind {
    /** ICMPv4 type 3 code 4: fragmentation needed and DF set, with the next-hop MTU (RFC 1191). */
    FRAG_NEEDED,
    /** ICMPv6 type 2: packet too big, with the MTU (RFC 8201). */
    PACKET_TOO_BIG,
    /** ICMPv4 type 11 / ICMPv6 type 3: TTL or hop limit exceeded in transit (code 0) or reassembly (1). */
    TIME_EXCEEDED,
    /** ICMPv4 type 3 / ICMPv6 type 1, other than frag-needed. */
    UNREACHABLE,
    /** Any other error that quotes a packet (parameter problem, source quench, redirect). */
    OTHER_ERROR;

    /** A message that reports an MTU: ICMPv4 frag-needed or ICMPv6 packet-too-big. */
    public boolean reportsMtu() {
        return this == FRAG_NEEDED || this == PACKET_TOO_BIG;
    }
}
