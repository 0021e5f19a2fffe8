package io.pmtuwatch.probe.returnpath;

import io.pmtuwatch.schemas.ReturnPath;
import io.pmtuwatch.settings.StateHome;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Return-path stalls this host proved, kept on disk for as long as the target remembers our
 * packet-too-big: a second {@code trace} process, an agent restarted, or the agent's next run all
 * see the same result, instead of a false all-clear while the target still sends segments sized for
 * our test (see {@link ReturnPathTest}).
 *
 * <p>One small file per key: the time it was proved (epoch milliseconds, 8 bytes) followed by the
 * {@link ReturnPath} in Avro's single-object encoding. It is a cache: a file that cannot be read
 * (damaged, or written by a release with another schema) counts as absent, and a directory that
 * cannot be written leaves the result unremembered, never the run failed.
 */
final class ProvenStalls {

    /** The setting key of the directory ({@code PMTU_STATE_DIR}). */
    static final String STATE_DIR_ENV = "PMTU_STATE_DIR";

    private static final Logger LOG = LoggerFactory.getLogger(ProvenStalls.class);

    record Proven(Duration age, ReturnPath result) {
    }

    private final Path directory;
    private final Clock clock;

    ProvenStalls(Path directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    /** {@code $PMTU_STATE_DIR/return-path}, else {@code $XDG_STATE_HOME/pmtu-watch/...}, else {@code ~/.local/state/pmtu-watch/...}. */
    static ProvenStalls inStateDirectory(Map<String, String> env) {
        return new ProvenStalls(stateDirectory(env).resolve("return-path"), Clock.systemUTC());
    }

    static Path stateDirectory(Map<String, String> env) {
        String own = env.get(STATE_DIR_ENV);
        if (own != null && !own.isBlank()) {
            return Path.of(own);
        }
        return StateHome.of(env);
    }

    void remember(String key, ReturnPath result) {
        try {
            ByteBuffer body = result.toByteBuffer();
            ByteBuffer record = ByteBuffer.allocate(Long.BYTES + body.remaining());
            record.putLong(clock.millis()).put(body).flip();
            byte[] bytes = new byte[record.remaining()];
            record.get(bytes);
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(directory, ".stall", ".tmp");
            try {
                Files.write(temporary, bytes);
                move(temporary, file(key));
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            LOG.debug("cannot remember the return-path stall of {} in {}: {}", key, directory, e.toString());
        }
    }

    /** The stall proved for {@code key} within {@code maxAge}, if any. */
    Optional<Proven> recall(String key, Duration maxAge) {
        Path file = file(key);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            ByteBuffer record = ByteBuffer.wrap(Files.readAllBytes(file));
            Instant at = Instant.ofEpochMilli(record.getLong());
            Duration age = Duration.between(at, clock.instant());
            if (age.isNegative() || age.compareTo(maxAge) > 0) {
                return Optional.empty();
            }
            return Optional.of(new Proven(age, ReturnPath.fromByteBuffer(record.slice())));
        } catch (IOException | RuntimeException e) {
            LOG.debug("ignoring the unreadable return-path record {}: {}", file, e.toString());
            return Optional.empty();
        }
    }

    private Path file(String key) {
        return directory.resolve(key.replaceAll("[^A-Za-z0-9.-]", "_"));
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
