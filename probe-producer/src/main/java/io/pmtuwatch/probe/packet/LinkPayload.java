package io.pmtuwatch.probe.packet;

import java.nio.ByteBuffer;

/**
 * Where the network layer of a frame starts, and what it was wrapped in on the link.
 *
 * @param ip             the IP packet, a big-endian buffer from position 0
 * @param encapsulations bits of {@link Encapsulation} (VLAN tags, MPLS, PPPoE, Linux cooked)
 */
public record LinkPayload(ByteBuffer ip, int encapsulations) {
}
