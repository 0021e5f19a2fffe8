package io.pmtuwatch.probe.socket;

import java.net.InetSocketAddress;
import java.util.Optional;

/** An ordinary datagram read from the socket (an ICMP echo reply on a ping socket). */
public record Datagram(Optional<InetSocketAddress> from, byte[] data, long receivedNanos) implements SocketEvent {
}
