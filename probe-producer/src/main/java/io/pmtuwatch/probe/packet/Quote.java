package io.pmtuwatch.probe.packet;

/**
 * The packet an ICMP error quotes, as far as it was quoted.
 *
 * @param ip              the quoted IP header (its {@code totalLength} is what the quoted header claims)
 * @param flow            the innermost quoted packet after tunnels (a 4in6 packet quoted by an ICMPv6 error
 *                        gives the IPv4 packet inside); equals {@code ip} without tunnels
 * @param sourcePort      quoted TCP/UDP source port, or the ICMP echo identifier; -1 when not quoted
 * @param destinationPort quoted TCP/UDP destination port; -1 when not quoted (0 for ICMP echo)
 * @param tcp             the quoted TCP header when its fixed 20 bytes were quoted, else null
 * @param tcpHeaderQuoted true when the whole TCP header, options included, was quoted
 * @param quotedBytes     bytes of the quoted packet present in the ICMP message
 */
public record Quote(IpPacket ip, IpPacket flow, int sourcePort, int destinationPort, TcpSegment tcp,
                    boolean tcpHeaderQuoted, int quotedBytes) {
}
