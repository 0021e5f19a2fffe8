package io.pmtuwatch.stream.sink.pipeline;

import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.stream.sink.DiagnosisDocuments;
import io.pmtuwatch.stream.sink.SinkFixtures;
import io.pmtuwatch.stream.sink.SinkIndices;
import io.pmtuwatch.stream.sink.SinkTestRig;
import io.pmtuwatch.testsupport.ElasticsearchHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code pmtu-stream sink} as an operator starts it, in its own JVM: with Elasticsearch down it waits
 * (one line per retry naming the address) and works once Elasticsearch is up; with an address where
 * no broker listens it exits 3 with one line naming it, without a stack trace.
 */
class SinkStartupTest {

    @TempDir
    Path dir;

    @Test
    void aSinkStartedDuringAnElasticsearchOutageWaitsAndThenSinks() throws Exception {
        URI upstream = URI.create(ElasticsearchHarness.shared().httpUrl());
        try (SinkTestRig rig = new SinkTestRig(1); TcpProxy proxy = new TcpProxy(upstream.getHost(), upstream.getPort())) {
            proxy.down();
            Path log = dir.resolve("sink.log");
            Process sink = start(log, "--elasticsearch", proxy.url(), "--bootstrap-servers", rig.kafka.bootstrapServers(),
                    "--group-id", rig.groupId, "--diagnoses-topic", rig.topics.diagnoses(), "--anomalies-topic",
                    rig.topics.anomalies(), "--links-topic", rig.topics.links(), "--dead-letter-topic", rig.topics.deadLetter(),
                    "--startup-wait", "3m");
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(log).contains("does not answer"));
                String waiting = Files.readString(log);
                assertThat(waiting).contains("Elasticsearch at " + proxy.url()).contains("Retrying every 10 s");
                assertThat(sink.isAlive()).as("it waits instead of exiting").isTrue();

                proxy.up();
                PathDiagnosis d = SinkFixtures.diagnosis("run-startup-" + System.nanoTime(), Instant.now());
                rig.send(d);
                rig.flush();
                String index = SinkIndices.standard().diagnoses();
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                        .until(() -> rig.elasticsearch.exists(e -> e.index(index).id(DiagnosisDocuments.id(d))).value());
                assertThat(Files.readString(log)).contains("answers now").doesNotContain("\tat ");
                // The minute's status line: nothing behind, the document just stored.
                await().atMost(Duration.ofSeconds(90)).until(() -> Files.readString(log).contains("Sink status: "));
                assertThat(Files.readString(log)).containsPattern(
                        "Sink status: 0 records behind, last document stored \\d+ s ago \\(20\\d\\d-.*records read 1, documents stored \\d+");
            } finally {
                sink.destroy();
                sink.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void anUnreachableBrokerEndsTheStartWithOneLineNamingIt() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = dir.resolve("sink-nokafka.log");
        Process sink = start(log, "--elasticsearch", ElasticsearchHarness.shared().httpUrl(), "--bootstrap-servers",
                "127.0.0.1:" + port, "--startup-wait", "15s");
        assertThat(sink.waitFor(90, TimeUnit.SECONDS)).isTrue();
        String output = Files.readString(log);
        assertThat(sink.exitValue()).as(output).isEqualTo(3);
        assertThat(output).contains("sink: Kafka at 127.0.0.1:" + port + " did not answer within 15 s")
                .contains("check that the brokers are running").doesNotContain("\tat ");
        assertThat(output.lines().filter(l -> l.contains("WARN")).count()).as("one line per retry, not hundreds")
                .isLessThanOrEqualTo(3);
    }

    private static Process start(Path log, String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m",
                "-Dlogback.configurationFile=logback.xml", // the shipped logging, not the tests'
                "-cp", System.getProperty("java.class.path"),
                "io.pmtuwatch.stream.cli.StreamMain", "sink"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
