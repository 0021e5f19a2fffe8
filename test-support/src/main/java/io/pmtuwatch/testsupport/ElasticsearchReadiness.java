package io.pmtuwatch.testsupport;

import io.pmtuwatch.embedded.HarnessStartException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Waits for a starting node: first for the ports file it writes once bound, then for cluster health
 * yellow. Readiness is judged by {@code _cluster/health}, not {@code GET /}: the distribution zip
 * lacks some modules, so {@code GET /} answers 405 even on a healthy node.
 */
final class ElasticsearchReadiness {

    private static final int LOG_TAIL_LINES = 60;

    private ElasticsearchReadiness() {
    }

    /**
     * @param server     the process to watch (the watchdog): if it ends, waiting is pointless
     * @param ifItExits  what to add to the failure message when the server exits during start-up
     * @return the node's base URL
     * @throws HarnessStartException on exit, timeout or interruption, with the end of the server's output
     */
    static String await(Process server, Path runDirectory, Duration timeout, String ifItExits) {
        Path console = runDirectory.resolve("console.log");
        Instant deadline = Instant.now().plus(timeout);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            while (Instant.now().isBefore(deadline)) {
                if (!server.isAlive()) {
                    throw failure("Elasticsearch exited during start-up (exit code " + server.exitValue() + "). "
                            + ifItExits, console);
                }
                Optional<String> url = httpUrl(runDirectory);
                if (url.isPresent() && isYellowOrGreen(http, url.get())) {
                    return url.get();
                }
                Thread.sleep(250);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("Interrupted while waiting for Elasticsearch to start.", console);
        }
        throw failure("Elasticsearch did not reach cluster health yellow within " + timeout.toSeconds() + " s."
                + " The machine may be overloaded: raise -D" + ElasticsearchHarness.TIMEOUT_PROPERTY
                + " (seconds), or read the log.", console);
    }

    /** From {@code logs/http.ports}, which the node writes once it is bound (node.portsfile). */
    private static Optional<String> httpUrl(Path runDirectory) {
        Path ports = runDirectory.resolve("logs/http.ports");
        try {
            if (!Files.exists(ports)) {
                return Optional.empty();
            }
            return Files.readAllLines(ports).stream().map(String::trim).filter(line -> !line.isEmpty())
                    .findFirst().map(address -> "http://" + address);
        } catch (IOException notYet) {
            return Optional.empty();
        }
    }

    private static boolean isYellowOrGreen(HttpClient http, String url) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(url + "/_cluster/health?wait_for_status=yellow&timeout=1s"))
                .timeout(Duration.ofSeconds(5))
                .build();
        try {
            // 200 once yellow or green; 408 while waiting timed out.
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static HarnessStartException failure(String why, Path console) {
        return new HarnessStartException(why + " Its files stay in " + console.getParent()
                + " until the next test run.\n" + LogTail.of(console, LOG_TAIL_LINES));
    }
}
