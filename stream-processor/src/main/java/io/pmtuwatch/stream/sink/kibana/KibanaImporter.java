package io.pmtuwatch.stream.sink.kibana;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

/**
 * Imports saved objects through Kibana's API: {@code POST /api/saved_objects/_import?overwrite=true},
 * multipart with one {@code file} part, header {@code kbn-xsrf}. Overwrite makes it idempotent: ids
 * are fixed, so a second import replaces the objects instead of duplicating them.
 */
public final class KibanaImporter {

    /** Connection and authentication for Kibana. */
    public record Connection(URI url, String space, String apiKey, String username, String password) {
        URI importUri() {
            String base = url.toString().replaceAll("/+$", "");
            String spacePath = space == null || space.isBlank() || space.equals("default") ? "" : "/s/" + space;
            return URI.create(base + spacePath + "/api/saved_objects/_import?overwrite=true");
        }
    }

    /** Kibana could not be reached, or answered the request as a whole with an error. */
    public static final class KibanaException extends Exception {
        public KibanaException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final HttpClient http;
    private final Connection connection;

    public KibanaImporter(HttpClient http, Connection connection) {
        this.http = http;
        this.connection = connection;
    }

    public static KibanaImporter create(Connection connection) {
        return new KibanaImporter(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(), connection);
    }

    public ImportResult importNdjson(String fileName, byte[] ndjson) throws KibanaException {
        String boundary = "pmtu-watch-" + UUID.randomUUID();
        HttpRequest.Builder request = HttpRequest.newBuilder(connection.importUri())
                .timeout(Duration.ofSeconds(60))
                .header("kbn-xsrf", "pmtu-watch-setup")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(boundary, fileName, ndjson)));
        if (connection.apiKey() != null) {
            request.header("Authorization", "ApiKey " + connection.apiKey());
        } else if (connection.username() != null) {
            String basic = connection.username() + ":" + connection.password();
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException | HttpTimeoutException e) {
            throw new KibanaException("Kibana is unreachable at " + connection.url() + " (" + e + "); is it running "
                    + "and is the URL right? (--kibana / PMTU_KIBANA_URL)", e);
        } catch (IOException e) {
            throw new KibanaException("Kibana at " + connection.url() + " failed during the import: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KibanaException("interrupted", e);
        }
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw new KibanaException("Kibana refused the credentials (HTTP " + status + "): " + response.body(), null);
        }
        if (status != 200) {
            throw new KibanaException("Kibana answered HTTP " + status + " to the import (is " + connection.url()
                    + " really Kibana, and is the space right?): " + abbreviate(response.body()), null);
        }
        try {
            return ImportResult.parse(response.body());
        } catch (IOException e) {
            throw new KibanaException("Kibana's answer is not the import API's JSON: " + abbreviate(response.body()), e);
        }
    }

    static byte[] multipart(String boundary, String fileName, byte[] content) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String head = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: application/ndjson\r\n\r\n";
        body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    private static String abbreviate(String text) {
        return text.length() <= 500 ? text : text.substring(0, 500) + "...";
    }
}
