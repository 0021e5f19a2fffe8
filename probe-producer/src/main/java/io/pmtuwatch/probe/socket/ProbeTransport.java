package io.pmtuwatch.probe.socket;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * What the tracer needs from one probe socket towards one target: send a payload with a TTL, read
 * back what the network answered (error-queue entries and datagrams). {@link ProbeSocket} is the
 * kernel's; tests put a simulated path behind it, so the tracer's decisions run without root.
 */
public interface ProbeTransport extends AutoCloseable {

    ProbeKind kind();

    /** The target address and port the socket is connected to. */
    InetSocketAddress target();

    boolean ipv6();

    void setTtl(int ttl) throws SocketException;

    /** Local address and port of every probe this transport sends (fixed for the run, Paris-style). */
    InetSocketAddress localAddress() throws SocketException;

    /** MTU of the outgoing interface: the largest probe that can leave. */
    int localMtu() throws SocketException;

    /** Sends one probe with this transport payload; returns 0 or the errno (EMSGSIZE above {@link #localMtu()}). */
    int send(byte[] payload, int sequence);

    /** Waits up to {@code timeoutMillis} for something to read, then returns everything queued. */
    List<SocketEvent> poll(int timeoutMillis) throws SocketException;

    /** Returns everything queued without waiting. */
    List<SocketEvent> drain();

    @Override
    void close();
}
