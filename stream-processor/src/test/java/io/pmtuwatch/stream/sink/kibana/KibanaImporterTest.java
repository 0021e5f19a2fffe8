package io.pmtuwatch.stream.sink.kibana;

import com.sun.net.httpserver.HttpServer;
import io.pmtuwatch.stream.sink.kibana.KibanaImporter.Connection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The import request as Kibana's API wants it, and every kind of answer turned into a clear result,
 * against a stand-in HTTP server (Kibana itself cannot run here). The response bodies follow the
 * documented shape of {@code POST /api/saved_objects/_import}.
 */
class KibanaImporterTest {

    private HttpServer server;
    private final AtomicReference<String> path = new AtomicReference<>();
    private final AtomicReference<String> xsrf = new AtomicReference<>();
    private final AtomicReference<String> auth = new AtomicReference<>();
    private final AtomicReference<String> body = new AtomicReference<>();

    private URI serve(int status, String response) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            path.set(exchange.getRequestURI().toString());
            xsrf.set(exchange.getRequestHeaders().getFirst("kbn-xsrf"));
            auth.set(exchange.getRequestHeaders().getFirst("Authorization"));
            body.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] bytes = response.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void sendsTheBundleAsMultipartWithOverwriteAndXsrfHeader() throws Exception {
        byte[] bundle = SavedObjectsBundle.load();
        // Kibana answers with the number of objects it imported: all of the bundle's.
        URI kibana = serve(200, "{\"success\":true,\"successCount\":" + SavedObjectsBundle.objectCount(bundle)
                + ",\"successResults\":[]}");
        ImportResult result = KibanaImporter.create(new Connection(kibana, "ops", "a2V5", null, null))
                .importNdjson(SavedObjectsBundle.FILE_NAME, bundle);
        assertThat(result.success()).isTrue();
        assertThat(result.successCount()).isEqualTo(SavedObjectsBundle.objectCount(bundle));
        assertThat(path.get()).isEqualTo("/s/ops/api/saved_objects/_import?overwrite=true");
        assertThat(xsrf.get()).isNotBlank();
        assertThat(auth.get()).isEqualTo("ApiKey a2V5");
        assertThat(body.get()).contains("name=\"file\"; filename=\"pmtu-watch.ndjson\"")
                .contains("\"Path MTU / MSS overview\"");
    }

    @Test
    void refusedObjectsAreListedWithTheirReasonAndAHint() throws Exception {
        URI kibana = serve(200, """
                {"success":false,"successCount":15,"errors":[
                 {"id":"pmtu-watch-overview","type":"dashboard","meta":{"title":"Path MTU / MSS overview"},
                  "error":{"type":"missing_references","references":[{"type":"lens","id":"pmtu-watch-gone"}]}},
                 {"id":"pmtu-watch-agent-target-grid","type":"lens","title":"Agent x target status",
                  "error":{"type":"unsupported_type"}}]}""");
        ImportResult result = KibanaImporter.create(new Connection(kibana, "default", null, "elastic", "pw"))
                .importNdjson("x.ndjson", "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(path.get()).isEqualTo("/api/saved_objects/_import?overwrite=true");
        assertThat(auth.get()).startsWith("Basic ");
        assertThat(result.success()).isFalse();
        assertThat(result.errors()).hasSize(2);
        assertThat(result.describeErrors())
                .contains("dashboard 'Path MTU / MSS overview' (pmtu-watch-overview): missing_references - missing lens pmtu-watch-gone")
                .contains("lens 'Agent x target status'").contains("unsupported_type").contains("older than 8.19");
    }

    @Test
    void anUnreachableKibanaOrAWrongAnswerIsAClearError() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Connection nowhere = new Connection(URI.create("http://127.0.0.1:" + closedPort), null, null, null, null);
        assertThatThrownBy(() -> KibanaImporter.create(nowhere).importNdjson("x", new byte[0]))
                .isInstanceOf(KibanaImporter.KibanaException.class).hasMessageContaining("unreachable")
                .hasMessageContaining("--kibana");

        URI notKibana = serve(404, "{\"statusCode\":404,\"error\":\"Not Found\"}");
        assertThatThrownBy(() -> KibanaImporter.create(new Connection(notKibana, "nope", null, null, null))
                .importNdjson("x", new byte[0]))
                .hasMessageContaining("HTTP 404").hasMessageContaining("space");
    }

    @Test
    void refusedCredentialsAreNamed() throws Exception {
        URI kibana = serve(401, "{\"statusCode\":401,\"message\":\"Unauthorized\"}");
        assertThatThrownBy(() -> KibanaImporter.create(new Connection(kibana, null, "bad", null, null))
                .importNdjson("x", new byte[0])).hasMessageContaining("refused the credentials");
    }
}
