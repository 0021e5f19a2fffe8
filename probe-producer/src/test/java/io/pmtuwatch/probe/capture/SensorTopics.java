package io.pmtuwatch.probe.capture;

import io.pmtuwatch.embedded.KafkaHarness;
import io.pmtuwatch.probe.cli.ProbeMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine;

import static org.awaitility.Awaitility.await;

/** A hop and a handshake topic of their own on the shared broker (tests share the JVM's broker). */
record SensorTopics(KafkaHarness kafka, String hops, String handshakes) {

    static SensorTopics create(String prefix) {
        KafkaHarness kafka = KafkaHarness.shared();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        SensorTopics topics = new SensorTopics(kafka, prefix + "-hops-" + suffix, prefix + "-handshakes-" + suffix);
        kafka.createTopic(topics.hops, 1);
        kafka.createTopic(topics.handshakes, 1);
        return topics;
    }

    /** A running {@code capture} command and its stderr. */
    record Capture(CompletableFuture<Integer> exit, StringWriter err) {
    }

    /**
     * Starts {@code capture} in a namespace publishing to these topics, and waits for its first counter
     * report (the capture is open: only then may the traffic start).
     */
    Capture startCapture(String netns, String interfaceName, Duration duration, String agentId) {
        CommandLine cl = ProbeMain.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cl.execute("capture", "--netns", netns,
                "--interface", interfaceName, "--duration", duration.toString(), "--bootstrap-servers",
                kafka.bootstrapServers(), "--hop-topic", hops, "--handshake-topic", handshakes, "--agent-id", agentId));
        await().atMost(Duration.ofSeconds(10)).until(() -> err.toString().contains("frames/s"));
        return new Capture(exit, err);
    }
}
