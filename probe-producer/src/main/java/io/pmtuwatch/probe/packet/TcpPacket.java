package io.pmtuwatch.probe.packet;

/** A TCP segment with the IP header that carried it. */
public record TcpPacket(IpPacket ip, TcpSegment tcp) {
}
