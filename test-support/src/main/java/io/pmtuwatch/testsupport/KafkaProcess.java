package io.pmtuwatch.testsupport;

import io.pmtuwatch.embedded.FileTrees;
import io.pmtuwatch.embedded.HarnessStartException;
import io.pmtuwatch.embedded.KafkaBrokerConfig;
import io.pmtuwatch.embedded.ScratchDirectories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker (KRaft, broker and controller combined) in a child JVM, from Kafka's own jars
 * on the test classpath, that a test can stop, kill and start again on the same port and log
 * directory: what a broker restart or crash looks like to clients. Not shared: close it.
 */
public final class KafkaProcess implements AutoCloseable {

    static final String MAIN_CLASS = "kafka.Kafka";
    private static final Logger log = LoggerFactory.getLogger(KafkaProcess.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static Path root;

    private final Path dir;
    private final Path config;
    private final int port;
    private Process process;

    private KafkaProcess(Path dir, Path config, int port) {
        this.dir = dir;
        this.config = config;
        this.port = port;
    }

    /**
     * Formats a fresh broker and starts it; returns once it answers.
     *
     * @param overrides broker settings on top of the single-node ones (e.g. log.message.timestamp.after.max.ms)
     */
    public static KafkaProcess start(Map<String, String> overrides) {
        try {
            Path dir = root().resolve("broker-" + INSTANCES.incrementAndGet());
            Files.createDirectories(dir);
            int port = freePort();
            int controllerPort = freePort();
            Properties props = new Properties();
            props.put("process.roles", "broker,controller");
            props.put("node.id", "1");
            props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
            props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
            props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
            props.put("controller.listener.names", "CONTROLLER");
            props.put("inter.broker.listener.name", "PLAINTEXT");
            props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            props.put("log.dirs", dir.resolve("data").toString());
            props.putAll(KafkaBrokerConfig.overrides());
            props.putAll(overrides);
            Path config = dir.resolve("server.properties");
            try (var out = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
                props.store(out, "pmtu-watch test broker");
            }
            KafkaProcess kafka = new KafkaProcess(dir, config, port);
            kafka.runToCompletion(List.of("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(), "-c",
                    config.toString()), "format");
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::kill, "pmtuwatch-kafka-process-stop"));
            kafka.startBroker();
            return kafka;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Starts the broker again after {@link #stop()} or {@link #kill()}; returns once it answers. */
    public synchronized void startBroker() {
        if (process != null && process.isAlive()) {
            return;
        }
        long start = System.nanoTime();
        process = launch(List.of(MAIN_CLASS, config.toString()), dir.resolve("broker.log"));
        writePid();
        awaitReady(Duration.ofSeconds(90));
        log.info("Kafka broker process at {} ready in {} ms", bootstrapServers(),
                Duration.ofNanos(System.nanoTime() - start).toMillis());
    }

    /** Stops the broker cleanly (SIGTERM) and waits for it to exit. */
    public synchronized void stop() {
        if (process != null) {
            process.destroy();
            waitFor(process, Duration.ofSeconds(60));
        }
    }

    /** Kills the broker (SIGKILL), as a crash would. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitFor(process, Duration.ofSeconds(30));
        }
    }

    @Override
    public synchronized void close() {
        kill();
        FileTrees.deleteRecursively(dir);
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Object> adminConfig = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        try (Admin admin = Admin.create(adminConfig)) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new HarnessStartException("The Kafka broker process exited with " + process.exitValue()
                            + "; see " + dir.resolve("broker.log"));
                }
                try {
                    if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception notYet) {
                    Thread.sleep(200);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new HarnessStartException("The Kafka broker process did not answer within " + timeout + "; see "
                + dir.resolve("broker.log"));
    }

    private void runToCompletion(List<String> mainAndArgs, String what) {
        Process tool = launch(mainAndArgs, dir.resolve(what + ".log"));
        if (!waitFor(tool, Duration.ofSeconds(60)) || tool.exitValue() != 0) {
            throw new HarnessStartException("Kafka " + what + " failed; see " + dir.resolve(what + ".log"));
        }
    }

    private static Process launch(List<String> mainAndArgs, Path logFile) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx384m");
        command.add("-XX:+UseSerialGC");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.addAll(mainAndArgs);
        try {
            return new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + mainAndArgs.get(0), e);
        }
    }

    private void writePid() {
        try {
            Files.writeString(dir.resolve("broker.pid"), Long.toString(process.pid()));
        } catch (IOException e) {
            log.warn("Could not record the broker's pid: {}", e.toString());
        }
    }

    private static boolean waitFor(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static synchronized Path root() {
        if (root == null) {
            // Brokers of a dead test JVM are killed through their pid files before their files go.
            root = ScratchDirectories.claim("kafka-process", stale -> {
                try (var brokers = Files.list(stale)) {
                    brokers.filter(Files::isDirectory).forEach(RecordedProcesses::killAll);
                } catch (IOException e) {
                    log.warn("Could not look for stale brokers in {}: {}", stale, e.toString());
                }
            });
        }
        return root;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
