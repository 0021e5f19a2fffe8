package io.pmtuwatch.testsupport;

import io.pmtuwatch.embedded.BuildConsole;
import io.pmtuwatch.embedded.CurrentUser;
import io.pmtuwatch.embedded.HarnessStartException;
import io.pmtuwatch.embedded.ScratchDirectories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Elasticsearch server for tests: the official distribution, started on first use as a
 * separate process and shared by every test class of the JVM.
 *
 * <p>One node, security off, bound to 127.0.0.1 on ports the kernel picks, 512 MB heap, a fresh data
 * directory per test JVM. As root it runs under the system user {@value #ACCOUNT} (created on first
 * use), because Elasticsearch refuses root. It stops when the JVM ends, also when the tests fail or the
 * JVM is killed (see {@code elasticsearch-watchdog.sh}); anything a killed run left behind is removed
 * by the next start.
 *
 * <p>Tests share the node: use your own index names and do not assume an empty cluster.
 *
 * <p>System properties: {@value ElasticsearchDistribution#ZIP_PROPERTY} (distribution zip to use),
 * {@value #JAVA_HOME_PROPERTY} (JDK for the server; default: the distribution's bundled JDK if it has
 * one, else the JDK running the tests), {@value #TIMEOUT_PROPERTY} (start-up limit in seconds,
 * default 180).
 */
public final class ElasticsearchHarness {

    static final String ACCOUNT = "pmtuwatch-es";
    static final String JAVA_HOME_PROPERTY = "pmtuwatch.elasticsearch.javaHome";
    static final String TIMEOUT_PROPERTY = "pmtuwatch.elasticsearch.startTimeoutSeconds";

    private static final Logger log = LoggerFactory.getLogger(ElasticsearchHarness.class);
    private static final String HEAP = "512m";

    private static ElasticsearchHarness shared;
    private static HarnessStartException startFailure;

    private final ElasticsearchNode node;
    private final RestClientTransport transport;
    private final ElasticsearchClient client;

    private ElasticsearchHarness(ElasticsearchNode node) {
        this.node = node;
        this.transport = new RestClientTransport(
                RestClient.builder(HttpHost.create(node.httpUrl())).build(), new JacksonJsonpMapper());
        this.client = new ElasticsearchClient(new UncloseableTransport(transport));
    }

    /**
     * The JVM's Elasticsearch node, started on the first call (that call waits until the cluster is
     * yellow, usually 10 to 30 s).
     *
     * @throws HarnessStartException when it cannot start, saying why, what to do, and the end of the
     *                               server's log; later calls fail the same way at once
     */
    public static synchronized ElasticsearchHarness shared() {
        if (shared == null) {
            if (startFailure != null) {
                throw new HarnessStartException(startFailure.getMessage(), startFailure);
            }
            try {
                shared = start();
            } catch (HarnessStartException e) {
                startFailure = e;
                throw e;
            } catch (RuntimeException e) {
                startFailure = new HarnessStartException("Elasticsearch for tests did not start: " + e, e);
                throw startFailure;
            }
        }
        return shared;
    }

    private static ElasticsearchHarness start() {
        long startNanos = System.nanoTime();
        ElasticsearchDistribution distribution = ElasticsearchDistribution.locate();
        Path home = distribution.home();
        RunAs runAs = CurrentUser.isRoot() ? RunAs.systemAccount(ACCOUNT) : RunAs.currentUser();
        Path runDirectory = ScratchDirectories.claim("elasticsearch", RecordedProcesses::killAll);
        ElasticsearchNode node = ElasticsearchNode.start(
                home, runDirectory, runAs, javaHome(home), HEAP, startTimeout());
        ElasticsearchHarness harness = new ElasticsearchHarness(node);
        Runtime.getRuntime().addShutdownHook(new Thread(harness::stop, "pmtuwatch-elasticsearch-stop"));
        long millis = Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
        log.info("Elasticsearch {} started at {} in {} ms (as user {})",
                distribution.version(), node.httpUrl(), millis, runAs.describe());
        BuildConsole.println(String.format("Elasticsearch %s started at %s in %d ms (as user %s)",
                distribution.version(), node.httpUrl(), millis, runAs.describe()));
        return harness;
    }

    /** Base URL of the REST API, e.g. {@code http://127.0.0.1:41234}. */
    public String httpUrl() {
        return node.httpUrl();
    }

    /** The shared client (elasticsearch-java); closing it does nothing, the harness closes it at the end. */
    public ElasticsearchClient client() {
        return client;
    }

    private void stop() {
        long startNanos = System.nanoTime();
        try {
            transport.close();
        } catch (IOException e) {
            log.warn("Elasticsearch client did not close cleanly", e);
        }
        node.stop(Duration.ofSeconds(30));
        long millis = Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
        log.info("Elasticsearch stopped in {} ms", millis);
        BuildConsole.println(String.format("Elasticsearch stopped in %d ms", millis));
    }

    /** Empty means: the JDK bundled with the distribution. */
    private static Optional<Path> javaHome(Path home) {
        String configured = System.getProperty(JAVA_HOME_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured));
        }
        if (Files.isDirectory(home.resolve("jdk"))) {
            return Optional.empty();
        }
        // The integ-test zip has no bundled JDK; Elasticsearch 8.19 runs on Java 17, like the tests.
        return Optional.of(Path.of(System.getProperty("java.home")));
    }

    private static Duration startTimeout() {
        return Duration.ofSeconds(Long.getLong(TIMEOUT_PROPERTY, 180));
    }
}
