package io.pmtuwatch.probe.handshake;

import io.pmtuwatch.probe.packet.TcpPacket;

/** A decoded TCP packet with its capture time. */
record CapturedPacket(long timestampMicros, TcpPacket packet) {
}
