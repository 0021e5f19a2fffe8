package io.pmtuwatch.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Working directories of one test JVM: {@code ${java.io.tmpdir}/pmtuwatch-<user>/<component>/<pid>-<start>}.
 *
 * <p>The name says which JVM owns a directory (pid plus the JVM's start time, so a recycled pid is not
 * mistaken for the owner). A JVM killed with {@code kill -9} cannot clean up, so every claim first
 * removes the directories whose owner no longer runs, after letting the caller stop what the dead JVM
 * left running there. Directories of JVMs that still run (another module's tests at the same time)
 * are left alone.
 */
public final class ScratchDirectories {

    private static final Logger log = LoggerFactory.getLogger(ScratchDirectories.class);

    private ScratchDirectories() {
    }

    /**
     * {@code ${java.io.tmpdir}/pmtuwatch-<user>}, created if missing: per user, because /tmp is shared
     * by all accounts. One that another account owns is refused, since its owner could swap the files
     * (a server distribution among them) that we are about to run.
     */
    public static Path userRoot() {
        Path root = Path.of(System.getProperty("java.io.tmpdir"), "pmtuwatch-" + CurrentUser.name());
        try {
            Files.createDirectories(root);
            String owner = Files.getOwner(root).getName();
            if (!owner.equals(CurrentUser.name())) {
                throw new HarnessStartException(root + " belongs to " + owner + ", not to " + CurrentUser.name()
                        + ": remove it, or run the tests with another -Djava.io.tmpdir.");
            }
            createReadableByAll(root);
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create " + root, e);
        }
    }

    /**
     * Creates a fresh directory for this JVM and the component, after cleaning up those of dead JVMs.
     *
     * @param beforeDeletingStale runs on each stale directory before it is deleted (e.g. to kill a
     *                            server whose pid file is in there)
     */
    public static Path claim(String component, Consumer<Path> beforeDeletingStale) {
        Path parent = userRoot().resolve(component);
        try {
            createReadableByAll(parent);
            removeStale(parent, beforeDeletingStale);
            Path mine = parent.resolve(ownerName(ProcessHandle.current()));
            FileTrees.deleteRecursively(mine);
            createReadableByAll(mine);
            return mine;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a working directory under " + parent, e);
        }
    }

    /** Readable by all: a server running under its own account must reach the files below. */
    public static void createReadableByAll(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static void removeStale(Path parent, Consumer<Path> beforeDeletingStale) throws IOException {
        try (Stream<Path> children = Files.list(parent)) {
            for (Path dir : (Iterable<Path>) children::iterator) {
                if (isOwnedByDeadJvm(dir.getFileName().toString())) {
                    log.info("Cleaning up {} left by a test JVM that no longer runs", dir);
                    beforeDeletingStale.accept(dir);
                    FileTrees.deleteRecursively(dir);
                }
            }
        }
    }

    private static boolean isOwnedByDeadJvm(String name) {
        String[] parts = name.split("-");
        if (parts.length != 2) {
            return false; // not ours: leave it alone
        }
        try {
            long pid = Long.parseLong(parts[0]);
            Optional<ProcessHandle> owner = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
            return owner.map(ScratchDirectories::ownerName).map(n -> !n.equals(name)).orElse(true);
        } catch (NumberFormatException notOurs) {
            return false;
        }
    }

    private static String ownerName(ProcessHandle process) {
        long start = process.info().startInstant().map(i -> i.toEpochMilli()).orElse(0L);
        return process.pid() + "-" + start;
    }
}
