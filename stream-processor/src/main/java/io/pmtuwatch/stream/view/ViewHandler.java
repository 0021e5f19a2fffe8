package io.pmtuwatch.stream.view;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Serves the path view under {@code /view/}: a static page that polls the query API of the same
 * server, so it needs no configuration and no cross-origin requests.
 *
 * <p>Every response carries a Content-Security-Policy that allows only this server's own scripts,
 * styles and API: the page renders network-supplied text (addresses, agent names) with
 * {@code textContent} only, and even a slip there could not run an injected script.
 */
public final class ViewHandler implements HttpHandler {

    public static final String PREFIX = "/view/";
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final ViewAssets assets;

    public ViewHandler(ViewAssets assets) {
        this.assets = assets;
    }

    public static ViewHandler create() {
        return new ViewHandler(ViewAssets.load());
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                sendText(exchange, 405, method + " is not supported; the view answers GET, HEAD");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/view")) {
                redirect(exchange, PREFIX); // relative URLs in the page need the trailing slash
                return;
            }
            Optional<ViewAssets.Asset> asset = path.startsWith(PREFIX)
                    ? assets.find(path.substring(PREFIX.length())) : Optional.empty();
            if (asset.isEmpty()) {
                sendText(exchange, 404, "no such file in the path view: " + path);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", asset.get().contentType());
            securityHeaders(exchange);
            // Small files, and a new version must show after an upgrade: always revalidate.
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            byte[] body = asset.get().bytes();
            boolean head = method.equals("HEAD");
            if (head) {
                // The JDK server drops a length passed for HEAD: the header tells what a GET would send.
                exchange.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
            }
            exchange.sendResponseHeaders(200, head ? -1 : body.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } finally {
            exchange.close();
        }
    }

    /** Answers a request for the server's root with the way to the view (used by the query server). */
    public static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(302, -1);
    }

    private static void securityHeaders(HttpExchange exchange) {
        exchange.getResponseHeaders().set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
    }

    private static void sendText(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        securityHeaders(exchange);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
