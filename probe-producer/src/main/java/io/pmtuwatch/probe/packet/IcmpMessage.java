package io.pmtuwatch.probe.packet;

/**
 * An ICMP or ICMPv6 error message.
 *
 * @param version 4 (ICMP) or 6 (ICMPv6)
 * @param type    ICMP type
 * @param code    ICMP code
 * @param kind    what it means for PMTU work
 * @param mtu     the reported (next-hop) MTU for frag-needed / packet-too-big; 0 when the router sent none
 *                (pre-RFC 1191 routers); -1 for other kinds
 * @param quote   the quoted packet, null when the quote is too short for an IP header
 */
public record IcmpMessage(int version, int type, int code, IcmpKind kind, int mtu, Quote quote) {
}
