package io.pmtuwatch.probe.socket;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * One read from the error queue: the extended error, the destination of the packet it quotes (the
 * kernel fills msg_name from the quoted header) and the quoted transport payload, which carries our
 * probe id when the router quoted enough.
 */
public record QueuedError(ExtendedError error, Optional<InetSocketAddress> quotedDestination, byte[] quotedPayload,
        long receivedNanos) implements SocketEvent {
}
