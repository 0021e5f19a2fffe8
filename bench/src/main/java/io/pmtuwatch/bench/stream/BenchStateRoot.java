package io.pmtuwatch.bench.stream;

import io.pmtuwatch.settings.StateHome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The state directories of one bench run, in a fresh directory beside the processor's default
 * ({@code $XDG_STATE_HOME/pmtu-watch/bench-stream-*}, not /tmp, which Kafka Streams warns about), and
 * deleted when the run ends, whether it succeeded or not: each run left one directory behind before.
 */
final class BenchStateRoot implements AutoCloseable {

    private final Path root;

    private BenchStateRoot(Path root) {
        this.root = root;
    }

    static BenchStateRoot create(Map<String, String> env) throws IOException {
        Path base = StateHome.of(env);
        Files.createDirectories(base);
        return new BenchStateRoot(Files.createTempDirectory(base, "bench-stream-"));
    }

    Path path() {
        return root;
    }

    /** Deletes the tree; the apps using it must be closed first. */
    @Override
    public void close() {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the bench's state directory " + root, e);
        }
    }
}
