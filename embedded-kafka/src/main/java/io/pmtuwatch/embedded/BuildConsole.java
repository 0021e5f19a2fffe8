package io.pmtuwatch.embedded;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Prints a line where a person running the build sees it.
 *
 * <p>Surefire in this project redirects {@code System.out} and {@code System.err} of the test JVM
 * into per-class files ({@code redirectTestOutputToFile}), so a logger line never reaches the Maven
 * log. The JVM's native standard error (file descriptor 2) is not part of that redirection: the
 * Maven process copies it to its own console, even under {@code mvn -q}, and it still works from a
 * shutdown hook. Outside Maven (an IDE) it is simply the console.
 */
public final class BuildConsole {

    private static final PrintStream NATIVE_STDERR =
            new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);

    private BuildConsole() {
    }

    /** Prints {@code "pmtu-watch: " + line} on the build's console. */
    public static void println(String line) {
        NATIVE_STDERR.println("pmtu-watch: " + line);
    }
}
