package io.pmtuwatch.probe.capture;

import io.pmtuwatch.linux.NetNamespace;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/** Real TCP traffic inside a lab: a connection from the agent namespace that sends enough to hit a small link. */
final class LabTraffic {

    private LabTraffic() {
    }

    /** Connects, writes {@code bytes} in full-size segments, closes. PMTU discovery does the rest. */
    static void bulk(NetNamespace agent, String server, int port, int bytes) throws Exception {
        agent.call(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getByName(server), port), 3000);
                OutputStream out = socket.getOutputStream();
                out.write(new byte[bytes]);
                out.flush();
                Thread.sleep(500); // let retransmissions after the PTB go out before the FIN
            }
            return null;
        });
    }

    /**
     * An HTTP GET from the agent, then reading whatever comes for {@code waitMillis}: the server's answer
     * spans several full-size segments (and stalls where those cannot come back).
     */
    static void httpGet(NetNamespace agent, String server, int port, long waitMillis) throws Exception {
        agent.call(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getByName(server), port), 3000);
                socket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: lab\r\nConnection: close\r\n\r\n")
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                socket.setSoTimeout(200);
                long end = System.nanoTime() + waitMillis * 1_000_000L;
                byte[] buffer = new byte[65536];
                while (System.nanoTime() < end) {
                    try {
                        if (socket.getInputStream().read(buffer) < 0) {
                            break;
                        }
                    } catch (java.net.SocketTimeoutException e) {
                        // nothing yet: keep waiting for the stalled answer
                    }
                }
            }
            return null;
        });
    }
}
