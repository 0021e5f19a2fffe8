package io.pmtuwatch.probe.socket;

import java.net.InetAddress;

/** Real sockets in the calling thread's namespace, real time. */
final class KernelNetwork implements ProbeNetwork {

    static final KernelNetwork INSTANCE = new KernelNetwork();

    private KernelNetwork() {
    }

    @Override
    public ProbeTransport open(ProbeKind kind, InetAddress target, int port, int sourcePort) throws SocketException {
        if (kind == ProbeKind.TCP_SYN) {
            return TcpSynSocket.open(target, port, sourcePort);
        }
        return ProbeSocket.open(kind, target, port, sourcePort);
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public long currentTimeMillis() {
        return System.currentTimeMillis();
    }

    @Override
    public void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
