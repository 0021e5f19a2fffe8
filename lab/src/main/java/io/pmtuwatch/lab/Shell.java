package io.pmtuwatch.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs lab set-up as one {@code sh -e} script: one process for a whole topology is far faster than
 * one per {@code ip} command, and {@code -e} stops at the first failing line, which the exception names.
 */
final class Shell {

    private static final long TIMEOUT_SECONDS = 60;

    private Shell() {
    }

    /** Runs the lines, failing on the first error. Returns standard output. */
    static String run(List<String> lines) {
        return exec(String.join("\n", lines), true, true);
    }

    /** Runs one command, failing on error, and returns its output without the trace. */
    static String capture(String command) {
        return exec(command, true, false);
    }

    /** Runs the lines, ignoring failures (teardown must go as far as it can). */
    static void runIgnoringErrors(List<String> lines) {
        exec(String.join("\n", lines), false, false);
    }

    private static String exec(String script, boolean failOnError, boolean trace) {
        ProcessBuilder builder = failOnError
                ? new ProcessBuilder("sh", trace ? "-ex" : "-e", "-")
                : new ProcessBuilder("sh", "-c", script);
        builder.redirectErrorStream(true);
        try {
            Process process = builder.start();
            if (failOnError) {
                process.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
            }
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new LabException("lab command timed out:\n" + script);
            }
            String output = new String(out, StandardCharsets.UTF_8);
            if (failOnError && process.exitValue() != 0) {
                throw new LabException("lab set-up failed (exit " + process.exitValue() + "; are you root?):\n"
                        + tail(output));
            }
            return output;
        } catch (IOException e) {
            throw new LabException("cannot run sh: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while running lab commands", e);
        }
    }

    /** The trace of `sh -x` is long; the end shows the failing command and its error. */
    private static String tail(String output) {
        String[] lines = output.split("\n");
        int from = Math.max(0, lines.length - 12);
        return String.join("\n", java.util.Arrays.copyOfRange(lines, from, lines.length));
    }
}
