package io.pmtuwatch.probe.socket;

/** What a probe socket can deliver: an error-queue entry or a datagram. */
public sealed interface SocketEvent permits QueuedError, Datagram {

    long receivedNanos();
}
