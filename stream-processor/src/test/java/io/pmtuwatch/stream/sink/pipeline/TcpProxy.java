package io.pmtuwatch.stream.sink.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy in front of the shared Elasticsearch, so a test can make Elasticsearch unavailable for
 * its own sink without touching the server other tests use. Modes: forward; down (port closed,
 * connections refused, open ones cut); overloaded (every request answered 429).
 */
final class TcpProxy implements AutoCloseable {

    private static final String REJECTION_BODY =
            "{\"error\":{\"type\":\"es_rejected_execution_exception\",\"reason\":\"rejected by test proxy\"},\"status\":429}";
    private static final byte[] TOO_MANY_REQUESTS = ("HTTP/1.1 429 Too Many Requests\r\n"
            + "Content-Type: application/json\r\nConnection: close\r\nContent-Length: " + REJECTION_BODY.length()
            + "\r\n\r\n" + REJECTION_BODY).getBytes(StandardCharsets.US_ASCII);

    private final InetSocketAddress upstream;
    private final int port;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;
    private volatile boolean overloaded;

    TcpProxy(String upstreamHost, int upstreamPort) throws IOException {
        this.upstream = new InetSocketAddress(upstreamHost, upstreamPort);
        try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            this.port = probe.getLocalPort();
        }
        up();
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    synchronized void up() throws IOException {
        overloaded = false;
        if (server != null) {
            return;
        }
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        server = socket;
        Thread acceptor = new Thread(() -> acceptLoop(socket), "proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Close the port and cut every open connection: what a stopped Elasticsearch looks like. */
    synchronized void down() throws IOException {
        if (server != null) {
            server.close();
            server = null;
        }
        for (Socket s : sockets) {
            s.close();
        }
        sockets.clear();
    }

    /** Keep the port open but answer every new request with 429; open connections are cut so they reconnect. */
    synchronized void overloaded() throws IOException {
        up();
        overloaded = true;
        for (Socket s : sockets) {
            s.close();
        }
        sockets.clear();
    }

    private void acceptLoop(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                sockets.add(client);
                if (overloaded) {
                    pump(() -> reject(client));
                } else {
                    Socket target = new Socket(upstream.getAddress(), upstream.getPort());
                    sockets.add(target);
                    pump(() -> copy(client, target));
                    pump(() -> copy(target, client));
                }
            } catch (IOException e) {
                // closed by down(), or the upstream refused: the client sees a cut connection
            }
        }
    }

    /** Reads one whole request (headers, then Content-Length bytes of body) and answers 429. */
    private void reject(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            StringBuilder head = new StringBuilder();
            int b;
            while (!head.toString().endsWith("\r\n\r\n") && (b = in.read()) >= 0) {
                head.append((char) b);
            }
            long length = head.toString().lines().filter(l -> l.toLowerCase().startsWith("content-length:"))
                    .mapToLong(l -> Long.parseLong(l.substring(l.indexOf(':') + 1).trim())).findFirst().orElse(0);
            in.skipNBytes(length);
            OutputStream out = client.getOutputStream();
            out.write(TOO_MANY_REQUESTS);
            out.flush();
        } catch (IOException e) {
            // client went away
        } finally {
            sockets.remove(client);
        }
    }

    private void copy(Socket from, Socket to) {
        byte[] buffer = new byte[64 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            sockets.remove(from);
            sockets.remove(to);
        }
    }

    private static void pump(Runnable task) {
        Thread t = new Thread(task, "proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        down();
    }
}
