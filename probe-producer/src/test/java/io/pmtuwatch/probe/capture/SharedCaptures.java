package io.pmtuwatch.probe.capture;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the shared captures are: the parent pom passes {@code pmtuwatch.sharedCaptures}
 * (../shared/captures beside the clone; CI has it). A fresh clone has none: tests over them are
 * then skipped with a message saying so.
 */
final class SharedCaptures {

    static final String PROPERTY = "pmtuwatch.sharedCaptures";

    private SharedCaptures() {
    }

    static Path directory() {
        String configured = System.getProperty(PROPERTY, "../../shared/captures");
        return Path.of(configured).toAbsolutePath().normalize();
    }

    static boolean present() {
        return Files.isRegularFile(directory().resolve("MANIFEST.tsv"));
    }

    static Path require(String file) {
        assumeTrue(present(), () -> "shared captures not found at " + directory()
                + " (system property " + PROPERTY + "): tests over unlicensed captures skipped");
        return directory().resolve(file);
    }
}
