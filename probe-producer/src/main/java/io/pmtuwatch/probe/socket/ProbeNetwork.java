package io.pmtuwatch.probe.socket;

import java.net.InetAddress;

/**
 * Where probes go and whose clock times them: the kernel ({@link #kernel()}) or, in tests, a
 * simulated path with a virtual clock (pauses for ICMP rate limits then cost no real time).
 */
public interface ProbeNetwork {

    /** A transport of {@code kind} towards {@code target}; {@code sourcePort} 0 = random. */
    ProbeTransport open(ProbeKind kind, InetAddress target, int port, int sourcePort) throws SocketException;

    long nanoTime();

    long currentTimeMillis();

    void sleep(long millis);

    /** The calling thread's network namespace, through real sockets. */
    static ProbeNetwork kernel() {
        return KernelNetwork.INSTANCE;
    }
}
