package io.pmtuwatch.demo.compose;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs a Compose command line: Debian's docker-compose (v1.29) and, where installed, Compose v2
 * ({@code docker compose}). Both validate a file without a Docker engine.
 */
final class ComposeCli {

    /** Result of one run: exit code and everything it printed. */
    record Result(int exitCode, String output) {
    }

    private final List<String> prefix;

    private ComposeCli(List<String> prefix) {
        this.prefix = prefix;
    }

    static Optional<ComposeCli> v1() {
        ComposeCli cli = new ComposeCli(List.of("docker-compose"));
        return cli.works() ? Optional.of(cli) : Optional.empty();
    }

    static Optional<ComposeCli> v2() {
        ComposeCli cli = new ComposeCli(List.of("docker", "compose"));
        return cli.works() ? Optional.of(cli) : Optional.empty();
    }

    String name() {
        return String.join(" ", prefix);
    }

    Result run(Path directory, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(name() + " did not finish within 60 s");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private boolean works() {
        try {
            return run(Path.of("."), "version").exitCode() == 0;
        } catch (IOException e) {
            return false; // not installed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
