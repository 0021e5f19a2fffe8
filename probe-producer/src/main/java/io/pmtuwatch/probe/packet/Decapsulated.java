package io.pmtuwatch.probe.packet;

/**
 * The innermost IP packet of a tunnel stack.
 *
 * @param ip             the innermost packet (the outer one when nothing was tunnelled)
 * @param encapsulations bits of {@link Encapsulation} added by the tunnels walked
 * @param tunnelOverhead bytes of outer headers (IP, GRE, UDP+VXLAN+Ethernet) in front of {@code ip}
 */
public record Decapsulated(IpPacket ip, int encapsulations, int tunnelOverhead) {
}
