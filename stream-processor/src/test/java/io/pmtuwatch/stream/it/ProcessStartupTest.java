package io.pmtuwatch.stream.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code pmtu-stream process} with nothing listening at the Kafka address (its own JVM, the shipped
 * logging): it waits, one line per retry period naming the address and what to check, then gives
 * up after {@code startup.wait} with one sentence and exit status 2, never a stack trace.
 */
class ProcessStartupTest {

    @TempDir
    Path dir;

    @Test
    void anUnreachableBrokerEndsTheStartWithOneLineAndExitTwo() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path config = dir.resolve("pmtu.conf");
        Files.writeString(config, String.join("\n",
                "kafka.bootstrap.servers = 127.0.0.1:" + port,
                "startup.wait = 15s",
                "state.dir = " + dir.resolve("state"),
                "query.port = -1",
                ""));
        Path log = dir.resolve("process.log");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "-Xmx256m", "-Dlogback.configurationFile=logback.xml",
                "-cp", System.getProperty("java.class.path"), "io.pmtuwatch.stream.cli.StreamMain", "process",
                "--config", config.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("it gives up on its own").isTrue();
            String output = Files.readString(log);
            assertThat(process.exitValue()).as(output).isEqualTo(2);
            assertThat(output).contains("Kafka at 127.0.0.1:" + port).contains("does not answer")
                    .contains("did not answer within 15 s").contains("check that the brokers are running")
                    .doesNotContain("\tat ");
            assertThat(output.lines().filter(l -> l.contains("WARN")).count()).as("one line per retry, not hundreds")
                    .isLessThanOrEqualTo(3);
        } finally {
            process.destroyForcibly();
        }
    }
}
