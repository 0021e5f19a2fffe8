package io.pmtuwatch.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pmtuwatch.stream.DiagnosisRules;
import io.pmtuwatch.bench.stream.Fleet;
import io.pmtuwatch.bench.stream.FleetPublisher;
import io.pmtuwatch.stream.config.ConfigLoader;
import io.pmtuwatch.stream.config.Settings;
import io.pmtuwatch.stream.app.ProcessorInstance;
import io.pmtuwatch.embedded.KafkaHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The path view with a large fleet (100,000 paths unless {@code -Dpmtu.view.fleet=N}) through the
 * real pipeline: the in-process broker, the stream processor on four partitions, the synthetic
 * fleet published as agents would. Headless Chromium must show the fleet's counts, one page of the
 * list (not the whole fleet), and apply a status and text filter on the server. Prints the size and
 * time of the page the view asks for, for the record (no timed assertion).
 */
class PathViewFleetChromiumTest {

    static final int FLEET = Integer.getInteger("pmtu.view.fleet", 100_000);
    static final Path ARTIFACTS = Path.of("target", "path-view");
    private static final int BUDGET_MS = 8000;
    private static final Pattern LIST_ITEM = Pattern.compile("<li class=\"path-item[^\"]*\" data-path-id=\"[^\"]*\" data-status=\"([A-Z]+)\"");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static ProcessorInstance processor;
    private static HeadlessChromium chromium;
    private static String base;

    @BeforeAll
    static void startPipelineAndPublishTheFleet() throws Exception {
        chromium = HeadlessChromium.find(ARTIFACTS.resolve("profiles"));
        KafkaHarness kafka = KafkaHarness.shared();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> env = new HashMap<>();
        env.put(Settings.BOOTSTRAP_SERVERS.envVar(), kafka.bootstrapServers());
        env.put(Settings.APPLICATION_ID.envVar(), "fleet-view-test-" + suffix);
        env.put(Settings.STATE_DIR.envVar(), Files.createTempDirectory("fleet-view-state").toString());
        env.put(Settings.PARTITIONS.envVar(), "4");
        env.put(Settings.QUERY_PORT.envVar(), "0");
        for (var topic : List.of(Settings.HOP_TOPIC, Settings.HANDSHAKE_TOPIC, Settings.DIAGNOSES_TOPIC,
                Settings.ANOMALIES_TOPIC, Settings.LINKS_TOPIC, Settings.DEAD_LETTER_TOPIC)) {
            env.put(topic.envVar(), "fleet-" + suffix + "." + topic.key().substring("topic.".length()));
        }
        processor = ProcessorInstance.start(ConfigLoader.load(Optional.empty(), env), DiagnosisRules.standard());
        base = "http://127.0.0.1:" + processor.queryPort().orElseThrow();

        Fleet fleet = Fleet.ofPaths(FLEET);
        long started = System.nanoTime();
        try (FleetPublisher publisher = new FleetPublisher(Map.of("bootstrap.servers", kafka.bootstrapServers()),
                env.get(Settings.HOP_TOPIC.envVar()), env.get(Settings.HANDSHAKE_TOPIC.envVar()))) {
            publisher.publish(fleet, 0, fleet.paths(), 0, Instant.now());
            publisher.flush();
            // As agents do, paths without a diagnosis are probed again when the count stalls for a
            // minute: on a saturated machine a run's handshake can be read long before its hops and
            // the run expires incomplete, leaving the path without a diagnosis until its next run.
            long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
            long nextRound = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            int round = 1;
            long listed;
            long listedBefore = -1;
            while ((listed = total()) < fleet.paths()) {
                assertThat(System.nanoTime()).as("all " + fleet.paths() + " paths diagnosed within 20 min; listed " + listed)
                        .isLessThan(deadline);
                if (System.nanoTime() >= nextRound && listed == listedBefore) { // no progress for a minute
                    Set<String> seen = listedPaths();
                    int again = 0;
                    for (int n = 0; n < fleet.paths(); n++) {
                        var run = fleet.run(n, round, Instant.now());
                        if (!seen.contains(run.pathId())) {
                            publisher.send(run);
                            again++;
                        }
                    }
                    publisher.flush();
                    System.out.printf("round %d: %d paths without a diagnosis probed again%n", round, again);
                    round++;
                }
                if (System.nanoTime() >= nextRound) {
                    listedBefore = listed;
                    nextRound = System.nanoTime() + Duration.ofMinutes(1).toNanos();
                }
                Thread.sleep(2000);
            }
        }
        System.out.printf("fleet of %d paths published and diagnosed in %.1f s%n", fleet.paths(),
                (System.nanoTime() - started) / 1e9);
    }

    @AfterAll
    static void stop() {
        if (processor != null) {
            processor.close(Duration.ofSeconds(30));
        }
    }

    @Test
    void showsTheFleetsCountsAndOnePageWorstFirst() throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> page = get("/paths?limit=100");
        System.out.printf("GET /paths?limit=100 over %d paths: %d bytes in %.0f ms%n", FLEET, page.body().length(),
                (System.nanoTime() - t0) / 1e6);
        JsonNode totals = JSON.readTree(page.body()).path("totals");
        assertThat(totals.path("CRITICAL").asLong()).isPositive();
        assertThat(totals.path("WARNING").asLong()).isPositive();

        String dom = load("/view/");
        assertThat(dom).contains(FLEET + " paths · showing the first 100");
        assertThat(dom).contains("<b>" + totals.path("CRITICAL").asLong() + "</b>critical");
        List<String> statuses = statuses(dom);
        assertThat(statuses).hasSize(100);
        assertThat(statuses.get(0)).isEqualTo("CRITICAL");
        assertThat(dom).contains("class=\"show-more\"");
        chromium.screenshot(base + "/view/", ARTIFACTS.resolve("path-view-fleet.png"), 1400, 900, BUDGET_MS);
    }

    @Test
    void filtersOnTheServer() throws Exception {
        // A status, an agent and a text taken from a warning path: the filters narrow 100k paths to a few.
        JsonNode warning = JSON.readTree(get("/paths?limit=1&status=WARNING").body()).path("items").get(0);
        assertThat(warning).as("a WARNING path in the fleet").isNotNull();
        String host = warning.path("target").asText().split(" ")[0];
        String filters = "status=WARNING&agent=" + warning.path("agent").asText() + "&q=" + host;
        JsonNode expected = JSON.readTree(get("/paths?limit=1000&" + filters).body());
        long matched = expected.path("matched").asLong();
        assertThat(matched).isPositive().isLessThan(100);
        String dom = load("/view/#" + filters);
        assertThat(dom).contains(matched + " of " + FLEET + " paths");
        List<String> statuses = statuses(dom);
        assertThat(statuses).hasSize((int) matched).containsOnly("WARNING");
        for (JsonNode item : expected.path("items")) {
            assertThat(dom).contains("data-path-id=\"" + item.path("pathId").asText() + "\"");
        }
        chromium.screenshot(base + "/view/#" + filters, ARTIFACTS.resolve("path-view-fleet-filtered.png"),
                1400, 900, BUDGET_MS);
    }

    private static List<String> statuses(String dom) {
        Matcher m = LIST_ITEM.matcher(dom);
        List<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** Every listed path id, walking the pages with the cursor (1,000 a page). */
    private static Set<String> listedPaths() throws Exception {
        Set<String> ids = new HashSet<>();
        String cursor = "";
        do {
            JsonNode page = JSON.readTree(get("/paths?limit=1000" + (cursor.isEmpty() ? "" : "&cursor=" + cursor)).body());
            page.path("items").forEach(item -> ids.add(item.path("pathId").asText()));
            cursor = page.path("nextCursor").asText("");
        } while (!cursor.isEmpty());
        return ids;
    }

    private static long total() throws Exception {
        HttpResponse<String> response = get("/paths?limit=1");
        return response.statusCode() == 200 ? JSON.readTree(response.body()).at("/totals/all").asLong() : -1;
    }

    private static String load(String pathAndHash) throws Exception {
        return chromium.renderedView(base + pathAndHash, BUDGET_MS, ARTIFACTS.resolve("last-fleet-dom.html"));
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
