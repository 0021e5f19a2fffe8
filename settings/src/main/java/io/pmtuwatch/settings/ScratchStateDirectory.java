package io.pmtuwatch.settings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A fresh state directory for one run of something short-lived (a bench run, the demo), beside the
 * processor's default under {@link StateHome} rather than in /tmp (which Kafka Streams warns about), and
 * deleted when the run ends, whether it succeeded or not: each such run left a directory behind before.
 */
public final class ScratchStateDirectory implements AutoCloseable {

    private final Path root;

    private ScratchStateDirectory(Path root) {
        this.root = root;
    }

    /** A new directory {@code <state home>/<prefix><random>}. */
    public static ScratchStateDirectory create(Map<String, String> env, String prefix) throws IOException {
        Path base = StateHome.of(env);
        Files.createDirectories(base);
        return new ScratchStateDirectory(Files.createTempDirectory(base, prefix));
    }

    public Path path() {
        return root;
    }

    /** Deletes the tree; whatever uses it must be closed first. */
    @Override
    public void close() {
        deleteTree(root);
    }

    /** Deletes a directory and everything under it, if it exists. */
    public static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the state directory " + root, e);
        }
    }
}
