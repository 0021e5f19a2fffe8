package io.pmtuwatch.stream.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pmtuwatch.embedded.KafkaHarness;
import io.pmtuwatch.schemas.Agent;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.Target;
import io.pmtuwatch.schemas.Transport;
import io.pmtuwatch.stream.DiagnosisRules;
import io.pmtuwatch.stream.ObservationFixtures;
import io.pmtuwatch.stream.app.ProcessorInstance;
import io.pmtuwatch.stream.config.ProcessorConfig;
import io.pmtuwatch.stream.config.RawConfig;
import io.pmtuwatch.stream.config.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The lists of links and anomaly windows over HTTP, from two instances of one application sharing
 * the partitions on the real (embedded) broker: pages merged across both, filters, cursors refused
 * under other filters, links' and windows' hrefs, HEAD, and many clients at once on both instances
 * (each client request makes its instance ask the other one).
 *
 * <p>The fleet: 3 agents x 8 UDP targets, each target behind its own pair of private routers; 4
 * rounds at MTU 1500 give every path a baseline, a fifth at 1400 makes each target's second router
 * report a drop. So 8 links, each crossed by 3 agents (a LINK_MTU_DROP window each), and a
 * PMTU_DROP window on each of the 24 paths.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryApiTwoInstancesTest {

    private static final int AGENTS = 3;
    private static final int TARGETS = 8;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ProcessorInstance a;
    private ProcessorInstance b;
    private int portA;
    private int portB;

    @BeforeAll
    void startTwoInstancesAndPublishTheFleet() {
        KafkaHarness kafka = KafkaHarness.shared();
        RawConfig shared = IsolatedConfig.on(kafka, "query-two", dir, 4).with(Settings.QUERY_PORT, "0");
        a = ProcessorInstance.start(ProcessorConfig.from(shared.with(Settings.STATE_DIR, dir.resolve("a").toString())),
                DiagnosisRules.standard());
        b = ProcessorInstance.start(ProcessorConfig.from(shared.with(Settings.STATE_DIR, dir.resolve("b").toString())),
                DiagnosisRules.standard());
        portA = a.queryPort().orElseThrow();
        portB = b.queryPort().orElseThrow();
        ProcessorConfig config = ProcessorConfig.from(shared);
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(10));
        List<HopObservation> hops = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            for (int agent = 0; agent < AGENTS; agent++) {
                for (int target = 0; target < TARGETS; target++) {
                    hops.addAll(run(agent, target, round, start.plusSeconds(60L * round)));
                }
            }
        }
        HopPublisher.publish(kafka, config.topology().topics(), hops);
        // Both instances hold part of the state (the lists below really merge), and all of it is there.
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
            assertThat(localOnly(portA, "/anomalies?limit=1000").path("matched").asInt()).isPositive();
            assertThat(localOnly(portB, "/anomalies?limit=1000").path("matched").asInt()).isPositive();
            assertThat(get(portA, "/links?limit=1000").path("matched").asInt()).isEqualTo(TARGETS);
            assertThat(get(portA, "/anomalies?limit=1000").path("matched").asInt()).isEqualTo(TARGETS + AGENTS * TARGETS);
        });
    }

    @AfterAll
    void stop() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
    }

    /** A run whose routers are the target's own ({@link ObservationFixtures#run}'s two routers renamed). */
    private static List<HopObservation> run(int agentNo, int targetNo, int round, Instant at) {
        Agent agent = ObservationFixtures.agent("agent-" + agentNo);
        Target target = ObservationFixtures.target("10.70.0." + (10 + targetNo), Transport.UDP, 33434);
        List<HopObservation> hops = new ArrayList<>();
        for (HopObservation hop : ObservationFixtures.run(agent, target, "r" + round + "-" + agentNo + "-" + targetNo,
                at.plusMillis(agentNo * 10L + targetNo), round < 4 ? 1500 : 1400)) {
            String responder = hop.getResponder();
            if (ObservationFixtures.ROUTER_1.equals(responder)) {
                responder = "10.71." + targetNo + ".1";
            } else if (ObservationFixtures.ROUTER_2.equals(responder)) {
                responder = "10.71." + targetNo + ".2";
            }
            hops.add(HopObservation.newBuilder(hop).setResponder(responder).build());
        }
        return hops;
    }

    @Test
    void pagesOfLinksAndAnomaliesFromEitherInstanceAreTheUnionOfBothInIdOrder() throws Exception {
        for (String list : List.of("/links", "/anomalies")) {
            String idField = list.equals("/links") ? "linkId" : "id";
            Set<String> held = new HashSet<>();
            for (int port : List.of(portA, portB)) {
                localOnly(port, list + "?limit=1000").path("items").forEach(item -> held.add(item.path(idField).asText()));
            }
            for (int port : List.of(portA, portB)) {
                List<String> walked = walk(port, list, "", 3, idField);
                assertThat(walked).as(list + " from " + port).doesNotHaveDuplicates().isSorted()
                        .containsExactlyInAnyOrderElementsOf(held);
            }
        }
    }

    @Test
    void filtersApplyAcrossBothInstancesAndTextMatchesValuesOnly() throws Exception {
        List<String> linkWindows = walk(portB, "/anomalies", "kind=link_mtu_drop", 2, "id");
        assertThat(linkWindows).hasSize(TARGETS).allSatisfy(id -> assertThat(id).startsWith("link_mtu_drop:"));
        JsonNode oneAgent = get(portA, "/anomalies?agent=agent-1&kind=PMTU_DROP&limit=1000");
        assertThat(oneAgent.path("matched").asInt()).isEqualTo(TARGETS);
        oneAgent.path("items").forEach(window -> assertThat(window.path("agents").toString()).contains("agent-1"));

        JsonNode byRouter = get(portA, "/links?q=10.71.3.&limit=1000");
        assertThat(byRouter.path("items")).hasSize(1);
        assertThat(byRouter.at("/items/0/router").asText()).startsWith("10.71.3.");
        assertThat(get(portB, "/links?q=linkid").path("matched").asInt()).as("a field name is no value").isZero();
        assertThat(get(portB, "/anomalies?q=subjectType").path("matched").asInt()).as("a field name is no value").isZero();

        HttpResponse<String> badKind = send(portA, "/anomalies?kind=NOPE", "GET");
        assertThat(badKind.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badKind.body()).path("error").asText()).contains("kind must be one of");
    }

    @Test
    void aCursorIsRefusedUnderOtherFiltersOrByAnotherList() throws Exception {
        String cursor = get(portA, "/anomalies?kind=PMTU_DROP&limit=2").path("nextCursor").asText();
        assertThat(cursor).isNotEmpty();
        assertThat(get(portB, "/anomalies?kind=PMTU_DROP&limit=2&cursor=" + cursor).path("items")).hasSize(2);

        HttpResponse<String> otherFilter = send(portB, "/anomalies?kind=LINK_MTU_DROP&limit=2&cursor=" + cursor, "GET");
        HttpResponse<String> otherList = send(portA, "/links?limit=2&cursor=" + cursor, "GET");

        assertThat(otherFilter.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(otherFilter.body()).path("error").asText()).contains("other filters");
        assertThat(otherList.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(otherList.body()).path("error").asText()).contains("given out by /anomalies, not /links");
    }

    @Test
    void hrefsOfLinksAndWindowsLeadToTheirSubjectFromEitherInstance() throws Exception {
        JsonNode links = get(portA, "/links?limit=1000");
        for (JsonNode link : links.path("items")) {
            String href = link.path("href").asText();
            assertThat(link.path("linkId").asText()).contains(">");
            assertThat(href).startsWith("/links/").doesNotContain(">").doesNotContain(" ");
            for (int port : List.of(portA, portB)) {
                assertThat(get(port, href).path("linkId").asText()).as(href).isEqualTo(link.path("linkId").asText());
            }
        }
        for (JsonNode window : get(portB, "/anomalies?limit=1000").path("items")) {
            JsonNode subject = get(portA, window.path("subjectHref").asText());
            String id = window.path("subjectType").asText().equals("LINK")
                    ? subject.path("linkId").asText() : subject.at("/diagnosis/pathId").asText();
            assertThat(id).as(window.toString()).isEqualTo(window.path("subject").asText());
        }
    }

    @Test
    void headAnswersLikeGetWithoutTheBody() throws Exception {
        String link = get(portA, "/links?limit=1").at("/items/0/href").asText();
        for (String resource : List.of("/links?limit=2", "/anomalies?kind=PMTU_DROP", link, "/paths?limit=3")) {
            HttpResponse<String> get = send(portB, resource, "GET");
            HttpResponse<String> head = send(portB, resource, "HEAD");
            assertThat(head.statusCode()).as(resource).isEqualTo(200).isEqualTo(get.statusCode());
            assertThat(head.body()).as(resource).isEmpty();
            assertThat(head.headers().firstValue("Content-Type")).as(resource).isEqualTo(get.headers().firstValue("Content-Type"));
        }
        HttpResponse<String> post = send(portA, "/links", "POST");
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }

    /**
     * Many clients on both instances at once, each request making its instance ask the other. Were
     * the other instance's answer to wait for a thread its own clients hold, every request would
     * wait for the peer timeout (5 s) and fail with 503.
     */
    @Test
    void manyClientsOnBothInstancesAtOnceAreAllAnsweredPromptly() throws Exception {
        int perInstance = 16;
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Long>> answers = new ArrayList<>();
        for (int i = 0; i < perInstance; i++) {
            for (int port : List.of(portA, portB)) {
                String resource = i % 2 == 0 ? "/links?limit=3" : "/anomalies?limit=5&kind=PMTU_DROP";
                answers.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        go.await();
                        long started = System.nanoTime();
                        HttpResponse<String> response = send(port, resource, "GET");
                        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                        return System.nanoTime() - started;
                    } catch (IOException | InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }, runnable -> new Thread(runnable, "client").start()));
            }
        }
        go.countDown();
        for (CompletableFuture<Long> answer : answers) {
            assertThat(Duration.ofNanos(answer.get()))
                    .as("sooner than an instance gives up waiting for the other").isLessThan(Duration.ofSeconds(5));
        }
    }

    /** Every id of a list, page by page from one instance, following nextCursor. */
    private List<String> walk(int port, String list, String filters, int limit, String idField) throws Exception {
        List<String> ids = new ArrayList<>();
        String cursor = "";
        int pages = 0;
        do {
            JsonNode page = get(port, list + "?limit=" + limit + (filters.isEmpty() ? "" : "&" + filters)
                    + (cursor.isEmpty() ? "" : "&cursor=" + cursor));
            assertThat(page.path("items").size()).isLessThanOrEqualTo(limit);
            page.path("items").forEach(item -> ids.add(item.path(idField).asText()));
            cursor = page.path("nextCursor").asText("");
            pages++;
        } while (!cursor.isEmpty() && pages < 100);
        assertThat(pages).as("more than one page: paging is exercised").isGreaterThan(1);
        return ids;
    }

    private JsonNode localOnly(int port, String resource) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + resource))
                .header("X-Pmtu-Local-Only", "1").timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private JsonNode get(int port, String resource) throws IOException, InterruptedException {
        HttpResponse<String> response = send(port, resource, "GET");
        assertThat(response.statusCode()).as(resource + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> send(int port, String resource, String method) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + resource))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
