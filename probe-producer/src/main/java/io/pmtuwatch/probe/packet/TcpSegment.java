package io.pmtuwatch.probe.packet;

/**
 * A decoded TCP header.
 *
 * @param sourcePort      source port
 * @param destinationPort destination port
 * @param sequence        sequence number (unsigned 32 bits)
 * @param acknowledgment  acknowledgment number (unsigned 32 bits)
 * @param flags           control bits
 * @param window          raw window field (not scaled)
 * @param headerLength    data offset in bytes
 * @param options         decoded options
 */
public record TcpSegment(int sourcePort, int destinationPort, long sequence, long acknowledgment, TcpFlags flags,
                         int window, int headerLength, TcpOptions options) {
}
