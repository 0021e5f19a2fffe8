package io.pmtuwatch.stream.sink.pipeline;

import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.stream.sink.SinkFixtures;
import io.pmtuwatch.stream.sink.SinkTestRig;
import io.pmtuwatch.testsupport.ElasticsearchHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code pmtu-stream sink --metrics-port} in its own JVM, against a real broker and a real
 * Elasticsearch behind a proxy: {@code GET /metrics} tells the documents stored and the time of the
 * last successful bulk, the records behind grow while Elasticsearch is away (its refusals counted as
 * retried documents) and fall back to 0 once it is back.
 */
class SinkMetricsEndpointTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    @Test
    void metricsTellTheLagAndTheLastSuccessfulBulkThroughAnOutage() throws Exception {
        URI upstream = URI.create(ElasticsearchHarness.shared().httpUrl());
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        URI metrics = URI.create("http://127.0.0.1:" + port + "/metrics");
        try (SinkTestRig rig = new SinkTestRig(1); TcpProxy proxy = new TcpProxy(upstream.getHost(), upstream.getPort())) {
            Path log = dir.resolve("sink.log");
            Process sink = start(log, "--elasticsearch", proxy.url(), "--bootstrap-servers", rig.kafka.bootstrapServers(),
                    "--group-id", rig.groupId, "--diagnoses-topic", rig.topics.diagnoses(), "--anomalies-topic",
                    rig.topics.anomalies(), "--links-topic", rig.topics.links(), "--dead-letter-topic", rig.topics.deadLetter(),
                    "--metrics-port", Integer.toString(port), "--metrics-bind", "127.0.0.1");
            try {
                await().atMost(Duration.ofSeconds(120)).until(() -> Files.readString(log).contains("Sink started"));
                assertThat(Files.readString(log)).contains("Sink metrics at http://127.0.0.1:" + port + "/metrics");
                Map<String, Double> before = scrape(metrics);
                assertThat(before).containsEntry("pmtu_sink_documents_stored_total", 0.0)
                        .containsEntry("pmtu_sink_last_stored_timestamp_seconds", 0.0);
                assertThat(HTTP.send(HttpRequest.newBuilder(metrics.resolve("/other")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(404);

                long sent = Instant.now().getEpochSecond();
                for (int i = 0; i < 3; i++) {
                    rig.send(diagnosis("metrics-a-" + i));
                }
                rig.flush();
                await().atMost(Duration.ofSeconds(90)).until(() -> {
                    Map<String, Double> m = scrape(metrics);
                    // records_behind is measured on the sink's thread every few seconds: it can still say 0 from
                    // before these records arrived, so wait for the documents too.
                    return m.get("pmtu_sink_records_read_total") == 3 && m.get("pmtu_sink_documents_stored_total") >= 3
                            && m.get("pmtu_sink_records_behind") == 0;
                });
                Map<String, Double> stored = scrape(metrics);
                assertThat(stored.get("pmtu_sink_documents_stored_total")).isGreaterThanOrEqualTo(3);
                assertThat(stored.get("pmtu_sink_last_stored_timestamp_seconds"))
                        .isBetween((double) sent - 1, (double) Instant.now().getEpochSecond() + 1);

                proxy.down();
                for (int i = 0; i < 2; i++) {
                    rig.send(diagnosis("metrics-b-" + i));
                }
                rig.flush();
                await().atMost(Duration.ofSeconds(90)).until(() -> {
                    Map<String, Double> m = scrape(metrics);
                    return m.get("pmtu_sink_records_behind") >= 2 && m.get("pmtu_sink_documents_retried_total") > 0;
                });
                assertThat(scrape(metrics).get("pmtu_sink_last_stored_timestamp_seconds")).as("no bulk got through")
                        .isEqualTo(stored.get("pmtu_sink_last_stored_timestamp_seconds"));

                proxy.up();
                await().atMost(Duration.ofSeconds(120)).until(() -> {
                    Map<String, Double> m = scrape(metrics);
                    return m.get("pmtu_sink_records_read_total") == 5 && m.get("pmtu_sink_documents_stored_total") >= 5
                            && m.get("pmtu_sink_records_behind") == 0;
                });
                assertThat(scrape(metrics).get("pmtu_sink_last_stored_timestamp_seconds"))
                        .isGreaterThanOrEqualTo(stored.get("pmtu_sink_last_stored_timestamp_seconds"));
                assertThat(Files.readString(log)).doesNotContain("\tat ");
            } finally {
                sink.destroy();
                sink.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private static PathDiagnosis diagnosis(String runId) {
        return SinkFixtures.diagnosis(runId + "-" + System.nanoTime(), Instant.now());
    }

    /** The samples of a Prometheus text answer, by metric name. */
    private static Map<String, Double> scrape(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        Map<String, Double> samples = new HashMap<>();
        response.body().lines().filter(l -> !l.startsWith("#") && !l.isBlank()).forEach(l -> {
            String[] parts = l.split(" ");
            samples.put(parts[0], Double.parseDouble(parts[1]));
        });
        return samples;
    }

    private static Process start(Path log, String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-Dlogback.configurationFile=logback.xml",
                "-cp", System.getProperty("java.class.path"), "io.pmtuwatch.stream.cli.StreamMain", "sink"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
