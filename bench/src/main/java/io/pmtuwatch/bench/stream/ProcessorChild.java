package io.pmtuwatch.bench.stream;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One stream processor instance in its own JVM ({@code pmtu-stream process}, as in production), started
 * with the scale run's settings in its environment; killed with SIGKILL and restarted on the same state
 * directory to measure recovery. Its log goes to a file next to its state.
 */
final class ProcessorChild {

    private final String name;
    private final Map<String, String> env;
    private final Path stateDir;
    private final String heap;
    private Process process;

    ProcessorChild(String name, Map<String, String> env, Path stateDir, String heap) {
        this.name = name;
        this.env = env;
        this.stateDir = stateDir;
        this.heap = heap;
    }

    String name() {
        return name;
    }

    void start() throws IOException {
        Files.createDirectories(stateDir);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                "io.pmtuwatch.stream.cli.StreamMain", "process"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(stateDir.resolveSibling(name + ".log").toFile()));
        builder.environment().putAll(env);
        process = builder.start();
    }

    /** SIGKILL: no shutdown hook, no commit, no state flush. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** Resident memory of the JVM in bytes (Linux /proc), 0 when not running. */
    long rssBytes() {
        if (!alive()) {
            return 0;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    /** Bytes under the instance's state directory (RocksDB stores, checkpoints). */
    long stateBytes() {
        if (!Files.isDirectory(stateDir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(stateDir)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    return 0; // RocksDB deletes files while we walk
                }
            }).sum();
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0;
        }
    }
}
