package io.pmtuwatch.schemas.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * A bare HTTP endpoint, the optional metrics port of the sink and the agent: {@code GET /metrics}
 * answers the given Prometheus text, anything else 404.
 * One daemon thread: a scrape every few seconds needs no more.
 */
public final class MetricsEndpoint implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;

    private MetricsEndpoint(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Binds and starts serving; port 0 picks a free one (see {@link #port()}). */
    public static MetricsEndpoint start(String bind, int port, Supplier<String> prometheusText) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(bind, port), 0);
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "metrics-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", exchange -> answer(exchange, prometheusText));
        server.start();
        return new MetricsEndpoint(server, executor);
    }

    private static void answer(HttpExchange exchange, Supplier<String> prometheusText) throws IOException {
        try (exchange) {
            boolean metrics = "/metrics".equals(exchange.getRequestURI().getPath());
            if (!metrics || !"GET".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(metrics ? 405 : 404, -1);
                return;
            }
            byte[] body = prometheusText.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
