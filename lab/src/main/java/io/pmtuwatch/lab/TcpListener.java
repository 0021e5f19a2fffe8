package io.pmtuwatch.lab;

import io.pmtuwatch.linux.NetNamespace;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A TCP server inside a namespace: the listening socket is created on a thread that entered the
 * namespace, so it belongs there; accepting can then happen on any thread. It reads a little and
 * closes, enough for handshakes and short transfers; an HTTP GET gets an answer of several full-size
 * segments ({@link HttpAnswer}), for the return-path test. Bound to {@code ::}, which takes IPv4 too.
 */
public final class TcpListener implements AutoCloseable {

    private final ServerSocket socket;

    private TcpListener(ServerSocket socket) {
        this.socket = socket;
    }

    public static TcpListener start(NetNamespace namespace, int port) throws Exception {
        ServerSocket socket = namespace.call(() -> new ServerSocket(port, 64, InetAddress.getByName("::")));
        TcpListener listener = new TcpListener(socket);
        Thread accept = new Thread(listener::acceptLoop, "lab-tcp-" + namespace.name());
        accept.setDaemon(true);
        accept.start();
        return listener;
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Thread serve = new Thread(() -> drain(client), "lab-tcp-conn");
                serve.setDaemon(true);
                serve.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private static void drain(Socket client) {
        try (client; InputStream in = client.getInputStream()) {
            client.setSoTimeout(10_000);
            byte[] buffer = new byte[65536];
            HttpAnswer http = new HttpAnswer();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                // Otherwise discard: the client measures, the server only has to be there.
                if (http.offer(buffer, n)) {
                    client.getOutputStream().write(HttpAnswer.RESPONSE);
                    client.shutdownOutput();
                }
            }
        } catch (IOException e) {
            // client went away
        }
    }

    public int port() {
        return socket.getLocalPort();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
