package io.pmtuwatch.testsupport;

import io.pmtuwatch.embedded.FileTrees;
import io.pmtuwatch.embedded.ScratchDirectories;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Zips unpacked once into a cache directory and reused by later test JVMs.
 *
 * <p>Several test JVMs may race here (modules tested in parallel): each unpacks into its own
 * {@code <name>.partial-<pid>} and renames it into place atomically, so a complete copy either exists
 * or does not. A copy that lost files since (a /tmp cleaner, a person) is noticed by its file count and
 * unpacked anew.
 */
final class UnpackedZipCache {

    private static final Logger log = LoggerFactory.getLogger(UnpackedZipCache.class);
    private static final String PARTIAL = ".partial-";
    private static final String FILE_COUNT = ".pmtuwatch-file-count";

    private UnpackedZipCache() {
    }

    /** {@code cache/<zip name without .zip>}, holding the zip's contents. */
    static Path unpackOnce(Path zip, Path cache) {
        String name = zip.getFileName().toString().replaceFirst("\\.zip$", "");
        Path target = cache.resolve(name);
        try {
            ScratchDirectories.createReadableByAll(cache);
            if (Files.isDirectory(target) && !isComplete(target)) {
                setAside(target, cache.resolve(name + PARTIAL + "broken-" + ProcessHandle.current().pid()));
            }
            if (!Files.isDirectory(target)) {
                removePartialCopiesOfDeadJvms(cache, name);
                Path partial = cache.resolve(name + PARTIAL + ProcessHandle.current().pid());
                long startNanos = System.nanoTime();
                unzip(zip, partial);
                Files.writeString(partial.resolve(FILE_COUNT), Long.toString(countFiles(partial)));
                try {
                    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
                    log.info("Unpacked {} into {} in {} ms", zip, target, (System.nanoTime() - startNanos) / 1_000_000);
                } catch (IOException e) {
                    FileTrees.deleteRecursively(partial);
                    if (!Files.isDirectory(target)) {
                        throw e;
                    }
                    // Another JVM renamed its copy into place first: use that one.
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not unpack " + zip + " into " + target, e);
        }
    }

    private static boolean isComplete(Path unpacked) throws IOException {
        Path stamp = unpacked.resolve(FILE_COUNT);
        return Files.isRegularFile(stamp)
                && Files.readString(stamp).trim().equals(Long.toString(countFiles(unpacked) - 1));
    }

    private static long countFiles(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile).count();
        }
    }

    /** Renames first, so other JVMs see a complete copy or none, never one being deleted. */
    private static void setAside(Path target, Path asideName) throws IOException {
        try {
            Files.move(target, asideName, StandardCopyOption.ATOMIC_MOVE);
            FileTrees.deleteRecursively(asideName);
        } catch (NoSuchFileException anotherJvmDidIt) {
            // It will unpack anew, as may we: the rename into place decides.
        }
    }

    /** A JVM killed while unpacking leaves {@code <name>.partial-<pid>} behind. */
    private static void removePartialCopiesOfDeadJvms(Path cache, String name) throws IOException {
        try (Stream<Path> children = Files.list(cache)) {
            for (Path child : (Iterable<Path>) children::iterator) {
                String childName = child.getFileName().toString();
                if (childName.startsWith(name + PARTIAL)) {
                    String owner = childName.substring((name + PARTIAL).length());
                    // Our own pid here can only be a recycled one: that copy is stale too.
                    boolean ownerStillUnpacking = owner.matches("\\d+")
                            && Long.parseLong(owner) != ProcessHandle.current().pid()
                            && ProcessHandle.of(Long.parseLong(owner)).isPresent();
                    if (!ownerStillUnpacking) {
                        FileTrees.deleteRecursively(child);
                    }
                }
            }
        }
    }

    /**
     * Unzips with each entry's Unix permissions (launch scripts must stay executable), readable by all
     * and writable by none but the owner: a server running under another account reads the files but
     * cannot change the shared copy.
     */
    private static void unzip(Path zip, Path target) throws IOException {
        ScratchDirectories.createReadableByAll(target);
        URI uri = URI.create("jar:" + zip.toUri());
        try (FileSystem zipFs = FileSystems.newFileSystem(uri, Map.of("enablePosixFileAttributes", "true"));
             Stream<Path> entries = Files.walk(zipFs.getPath("/"))) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                Path to = target.resolve(entry.toString().substring(1));
                Set<PosixFilePermission> permissions;
                if (Files.isDirectory(entry)) {
                    Files.createDirectories(to);
                    permissions = PosixFilePermissions.fromString("rwxr-xr-x");
                } else {
                    try (InputStream in = Files.newInputStream(entry)) {
                        Files.copy(in, to);
                    }
                    permissions = new HashSet<>(Files.readAttributes(entry, PosixFileAttributes.class).permissions());
                    permissions.addAll(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.GROUP_READ,
                            PosixFilePermission.OTHERS_READ));
                    permissions.removeAll(Set.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE));
                }
                Files.setPosixFilePermissions(to, permissions);
            }
        }
    }
}
