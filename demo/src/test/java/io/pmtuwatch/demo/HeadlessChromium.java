package io.pmtuwatch.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's headless Chromium driven from its command line: {@code --dump-dom} for the DOM after
 * the page's scripts ran, {@code --screenshot} for a picture. {@code --virtual-time-budget} lets
 * the page's timers and fetches run for that long before the dump (it waits for network requests,
 * so the first poll of the query API has answered).
 */
final class HeadlessChromium {

    private static final List<String> BINARIES = List.of("chromium", "chromium-browser", "google-chrome");

    private final String binary;
    private final Path profiles;

    private HeadlessChromium(String binary, Path profiles) {
        this.binary = binary;
        this.profiles = profiles;
    }

    /** Fails (never skips): the view's test must run wherever the suite runs, and bin/setup installs Chromium. */
    static HeadlessChromium find(Path scratch) {
        for (String name : BINARIES) {
            for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
                if (Files.isExecutable(Path.of(dir, name))) {
                    return new HeadlessChromium(Path.of(dir, name).toString(), scratch);
                }
            }
        }
        throw new AssertionError("headless Chromium not found (looked for " + BINARIES + " on PATH): "
                + "apt-get install chromium (bin/setup installs it)");
    }

    String dumpDom(String url, int budgetMillis) throws IOException, InterruptedException {
        return run(url, budgetMillis, "--dump-dom");
    }

    /**
     * The path view's DOM once it rendered an answer of the query API (its body carries
     * data-loaded="true"), retried once with twice the time; kept in {@code keep} for a look after a failure.
     */
    String renderedView(String url, int budgetMillis, Path keep) throws IOException, InterruptedException {
        String dom = dumpDom(url, budgetMillis);
        if (!dom.contains("data-loaded=\"true\"")) {
            dom = dumpDom(url, budgetMillis * 2);
        }
        Files.createDirectories(keep.getParent());
        Files.writeString(keep, dom);
        if (!dom.contains("data-loaded=\"true\"")) {
            throw new AssertionError("the view did not render the query API's answer of " + url + " (DOM in " + keep + ")");
        }
        return dom;
    }

    void screenshot(String url, Path file, int width, int height, int budgetMillis) throws IOException, InterruptedException {
        Files.createDirectories(file.getParent());
        run(url, budgetMillis, "--screenshot=" + file.toAbsolutePath(), "--window-size=" + width + "," + height,
                "--hide-scrollbars");
        if (!Files.isRegularFile(file) || Files.size(file) == 0) {
            throw new IOException("Chromium wrote no screenshot to " + file);
        }
    }

    private String run(String url, int budgetMillis, String... action) throws IOException, InterruptedException {
        try {
            return runOnce(url, budgetMillis, action);
        } catch (ChromiumHung first) {
            // Seen under heavy load: the browser process never exits after --screenshot/--dump-dom.
            // Once more on a fresh profile; a second hang is a real failure.
            return runOnce(url, budgetMillis, action);
        }
    }

    private String runOnce(String url, int budgetMillis, String... action) throws IOException, InterruptedException {
        // A fresh profile per run: no state from an earlier page, no first-run work.
        Path profile = Files.createTempDirectory(Files.createDirectories(profiles), "chromium-profile");
        List<String> command = new ArrayList<>(List.of(binary, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--virtual-time-budget=" + budgetMillis));
        command.addAll(List.of(action));
        command.add(url);
        Path stdout = Files.createTempFile(profiles, "chromium", ".out");
        Path stderr = Files.createTempFile(profiles, "chromium", ".log");
        // Output to files, not pipes: reading a pipe blocks for as long as any child keeps it open,
        // so the time limit below could never fire.
        Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        try {
            process.getOutputStream().close();
            long limitSeconds = TimeUnit.MILLISECONDS.toSeconds(budgetMillis) + 90;
            if (!process.waitFor(limitSeconds, TimeUnit.SECONDS)) {
                throw new ChromiumHung("Chromium did not finish within " + limitSeconds + " s for " + url);
            }
            if (process.exitValue() != 0) {
                throw new IOException("Chromium exited with " + process.exitValue() + " for " + url + ":\n"
                        + Files.readString(stderr));
            }
            return Files.readString(stdout, StandardCharsets.UTF_8);
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            deleteTree(profile);
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    private static final class ChromiumHung extends IOException {
        ChromiumHung(String message) {
            super(message);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
