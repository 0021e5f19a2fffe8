package io.pmtuwatch.probe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pmtu-probe run} as a real process with nothing listening at the Kafka address and a 15 s
 * {@code --startup-wait}: it retries, one line per 10 s period naming the address, then gives up with
 * one sentence and exit status 3, never a stack trace (README "Troubleshooting").
 */
class RunUnreachableBrokerTest {

    @Test
    void anUnreachableBrokerEndsTheStartWithOneLineAndExitThree(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // closed again: nothing listens there
        }
        String address = "127.0.0.1:" + port;
        Path targets = Files.writeString(dir.resolve("targets.yaml"), "- host: 127.0.0.1\n  port: 9\n  interval: 1s\n");
        Path out = dir.resolve("stdout.log");
        Path err = dir.resolve("stderr.log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), ProbeMain.class.getName(), "run",
                "--targets", targets.toString(), "--startup-wait", "15s");
        builder.environment().putAll(Map.of("PMTU_KAFKA_BOOTSTRAP_SERVERS", address, "PMTU_AGENT_ID", "unreachable-agent"));
        long started = System.nanoTime();
        Process agent = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            assertThat(agent.waitFor(90, TimeUnit.SECONDS)).as("it gives up on its own").isTrue();
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
            String stdout = Files.readString(out);
            String stderr = Files.readString(err);
            String both = "stdout:\n" + stdout + "\nstderr:\n" + stderr;

            assertThat(agent.exitValue()).as(both).isEqualTo(3);
            assertThat(seconds).as("it waited the whole startup wait first").isGreaterThanOrEqualTo(14);
            assertThat((stdout + stderr).lines().filter(l -> l.contains("Kafka at " + address)
                    && l.contains("does not answer")).count())
                    .as("one line per retry period naming the address: " + both).isBetween(1L, 3L);
            assertThat(stderr).as(both).contains("run: ").contains(address).contains("did not answer within 15 s");
            assertThat(stderr).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception in thread");
            assertThat(stdout).as("no stack trace").doesNotContain("\tat ");
        } finally {
            agent.destroyForcibly();
            agent.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
