package io.pmtuwatch.testsupport;

import io.pmtuwatch.embedded.FileTrees;
import io.pmtuwatch.embedded.HarnessStartException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Elasticsearch server process with its own configuration, data and logs in a run directory.
 *
 * <p>Started through {@code elasticsearch-watchdog.sh}, which stops the server when the test JVM closes
 * the watchdog's standard input or dies. Files in the run directory: {@code config/},
 * {@code data/}, {@code logs/}, {@code tmp/}, {@code console.log} (everything the server printed),
 * and the pid files {@link RecordedProcesses} uses to clean up after a killed run.
 */
final class ElasticsearchNode {

    /** Name the watchdog runs under ({@code $0}); part of its command line, so it can be recognised. */
    static final String WATCHDOG_NAME = "pmtuwatch-es-watchdog";

    private static final Logger log = LoggerFactory.getLogger(ElasticsearchNode.class);

    private final Process watchdog;
    private final OutputStream watchdogInput;
    private final Path runDirectory;
    private final String httpUrl;

    private ElasticsearchNode(Process watchdog, Path runDirectory, String httpUrl) {
        this.watchdog = watchdog;
        this.watchdogInput = watchdog.getOutputStream();
        this.runDirectory = runDirectory;
        this.httpUrl = httpUrl;
    }

    /**
     * Starts a node and waits until its cluster health is at least yellow.
     *
     * @param javaHome JDK to run on, or empty for the distribution's bundled one
     * @throws HarnessStartException with the reason and the end of the server's output
     */
    static ElasticsearchNode start(Path home, Path runDirectory, RunAs runAs, Optional<Path> javaHome,
                                   String heap, Duration timeout) {
        Process watchdog;
        try {
            prepare(home, runDirectory);
            runAs.giveOwnership(runDirectory);
            watchdog = launch(home, runDirectory, runAs, javaHome, heap);
        } catch (IOException e) {
            throw new HarnessStartException("Elasticsearch for tests cannot start: could not prepare or launch it in "
                    + runDirectory + ": " + e + ". It needs bash and, as root, setpriv (util-linux).", e);
        }
        try {
            String ifItExits = "If the log says nothing, check that user '" + runAs.describe() + "' can read "
                    + home + " and run the JDK " + javaHome.map(Path::toString).orElse("bundled with it") + ".";
            String url = ElasticsearchReadiness.await(watchdog, runDirectory, timeout, ifItExits);
            return new ElasticsearchNode(watchdog, runDirectory, url);
        } catch (RuntimeException e) {
            // Keep the run directory for reading; the next test run removes it.
            killNow(watchdog, runDirectory);
            throw e;
        }
    }

    String httpUrl() {
        return httpUrl;
    }

    /**
     * Stops the server: the watchdog sends SIGTERM and waits for the server to finish; anything still
     * running after that is killed. Then the run directory is deleted.
     */
    void stop(Duration grace) {
        try {
            watchdogInput.close();
            if (!watchdog.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("Elasticsearch did not stop within {} s; killing it", grace.toSeconds());
            }
        } catch (IOException e) {
            log.warn("Could not signal the Elasticsearch watchdog to stop", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        killNow(watchdog, runDirectory);
        try {
            FileTrees.deleteRecursively(runDirectory);
        } catch (UncheckedIOException e) {
            // Not worth failing a shutdown hook for: the next start removes directories of dead JVMs.
            log.warn("Could not delete {}; the next test run will", runDirectory, e);
        }
    }

    private static void prepare(Path home, Path runDirectory) throws IOException {
        for (String dir : List.of("data", "logs", "tmp")) {
            Files.createDirectories(runDirectory.resolve(dir));
        }
        // A private copy of config/: the server writes its keystore there, and our settings replace
        // the distribution's, so the unpacked distribution stays read-only and shared.
        FileTrees.copyRecursively(home.resolve("config"), runDirectory.resolve("config"));
        Files.writeString(runDirectory.resolve("config/elasticsearch.yml"), ElasticsearchSettings.forRun(runDirectory));
        Files.createFile(runDirectory.resolve("console.log"));
    }

    private static Process launch(Path home, Path runDirectory, RunAs runAs, Optional<Path> javaHome,
                                  String heap) throws IOException {
        Path console = runDirectory.resolve("console.log");
        List<String> command = runAs.wrap(List.of("bash", "-c", watchdogScript(), WATCHDOG_NAME,
                home.resolve("bin/elasticsearch").toString(), runDirectory.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(runDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(console.toFile()));
        // Only what Elasticsearch needs: JAVA_TOOL_OPTIONS and the like from the test JVM's environment
        // would leak into the server.
        Map<String, String> env = builder.environment();
        String path = env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.clear();
        env.put("PATH", path);
        env.put("HOME", runDirectory.toString());
        env.put("LANG", "C.UTF-8");
        env.put("ES_PATH_CONF", runDirectory.resolve("config").toString());
        env.put("ES_TMPDIR", runDirectory.resolve("tmp").toString());
        env.put("ES_JAVA_OPTS", "-Xms" + heap + " -Xmx" + heap);
        javaHome.ifPresent(jdk -> env.put("ES_JAVA_HOME", jdk.toString()));
        log.info("Starting Elasticsearch from {} in {} as user {}", home, runDirectory, runAs.describe());
        return builder.start();
    }

    private static void killNow(Process watchdog, Path runDirectory) {
        RecordedProcesses.killAll(runDirectory);
        watchdog.destroyForcibly();
    }

    private static String watchdogScript() {
        try (InputStream in = ElasticsearchNode.class.getResourceAsStream("elasticsearch-watchdog.sh")) {
            if (in == null) {
                throw new IllegalStateException("elasticsearch-watchdog.sh is missing from test-support");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
