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
}
