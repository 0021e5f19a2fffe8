package io.pmtuwatch.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pmtuwatch.probe.kafka.KafkaObservationPublisher;
import io.pmtuwatch.probe.kafka.RunObservations;
import io.pmtuwatch.schemas.Agent;
import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.Target;
import io.pmtuwatch.stream.DiagnosisRules;
import io.pmtuwatch.stream.config.ConfigLoader;
import io.pmtuwatch.stream.config.Settings;
import io.pmtuwatch.stream.app.ProcessorInstance;
import io.pmtuwatch.embedded.KafkaHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The path view in a real browser against the real pipeline: the in-process broker, the stream
 * processor, the demo's recorded lab runs published as an agent would, plus one path whose agent
 * name and target host are HTML. Headless Chromium loads the page; the DOM it built must show
 * every path, the 1400-byte drop with its cause, the black hole as critical with its fix, and the
 * HTML as text. Screenshots go to demo/target/path-view/ (kept by CI as build artifacts).
 */
class PathViewChromiumTest {

    static final String XSS_AGENT_ID = "xss-probe";
    static final String XSS_AGENT_NAME = "<img src=x onerror=alert(1)>";
    static final String XSS_TARGET_HOST = "<b id=\"injected\">bold</b>";
    static final Path ARTIFACTS = Path.of("target", "path-view");
    private static final int BUDGET_MS = 6000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static ProcessorInstance processor;
    private static HeadlessChromium chromium;
    private static String base;
    private static Set<String> pathIds;

    @BeforeAll
    static void startPipelineAndPublish() throws Exception {
        chromium = HeadlessChromium.find(ARTIFACTS.resolve("profiles"));
        KafkaHarness kafka = KafkaHarness.shared();
        // Own topics and application id: other tests share the JVM's broker.
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String hops = "view-" + suffix + ".hop-observations";
        String handshakes = "view-" + suffix + ".handshake-observations";
        Map<String, String> env = new HashMap<>();
        env.put(Settings.BOOTSTRAP_SERVERS.envVar(), kafka.bootstrapServers());
        env.put(Settings.APPLICATION_ID.envVar(), "path-view-test-" + suffix);
        env.put(Settings.STATE_DIR.envVar(), Files.createTempDirectory("path-view-state").toString());
        env.put(Settings.PARTITIONS.envVar(), "2");
        env.put(Settings.QUERY_PORT.envVar(), "0");
        env.put(Settings.HOP_TOPIC.envVar(), hops);
        env.put(Settings.HANDSHAKE_TOPIC.envVar(), handshakes);
        for (var topic : List.of(Settings.DIAGNOSES_TOPIC, Settings.ANOMALIES_TOPIC, Settings.LINKS_TOPIC,
                Settings.DEAD_LETTER_TOPIC)) {
            env.put(topic.envVar(), "view-" + suffix + "." + topic.key().substring("topic.".length()));
        }
        processor = ProcessorInstance.start(ConfigLoader.load(Optional.empty(), env), DiagnosisRules.standard());
        base = "http://127.0.0.1:" + processor.queryPort().orElseThrow();

        List<RunObservations> recorded;
        try (InputStream in = DemoMain.class.getResourceAsStream(DemoMain.RECORDING)) {
            recorded = RecordedRuns.read(in);
        }
        List<RunObservations> published = new ArrayList<>(recorded);
        published.add(withHtmlNames(recorded.get(0)));
        pathIds = new TreeSet<>();
        published.forEach(run -> pathIds.add(run.pathId()));
        KafkaObservationPublisher publisher = KafkaObservationPublisher.create(kafka.bootstrapServers(),
                "path-view-test", hops, handshakes);
        try {
            new RunReplayer(published, publisher, Clock.systemUTC()).replayAll();
        } finally {
            publisher.close(Duration.ofSeconds(30));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!listedPaths().containsAll(pathIds)) {
            assertThat(System.nanoTime()).as("every published path diagnosed within 90 s; listed: " + listedPaths())
                    .isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    @AfterAll
    static void stop() {
        if (processor != null) {
            processor.close(Duration.ofSeconds(15));
        }
    }

    @Test
    void listsEveryPathWithItsStatus() throws Exception {
        String dom = load("/view/");
        for (String pathId : pathIds) {
            assertThat(dom).as("list entry of " + pathId).contains("data-path-id=\"" + attribute(pathId) + "\"");
        }
        assertThat(dom).contains("data-status=\"CRITICAL\"").contains(pathIds.size() + " paths");
        // Agents by name, their id beside it (the lab names each agent after its path).
        assertThat(dom).contains(text(XSS_AGENT_NAME) + "<small class=\"agent-id\">" + XSS_AGENT_ID + "</small>");
        chromium.screenshot(base + "/view/", ARTIFACTS.resolve("path-view-overview.png"), 1400, 900, BUDGET_MS);
    }

    @Test
    void highlightsThe1400DropWithItsLikelyCause() throws Exception {
        String pathId = pathOf("link-1400-v4");
        JsonNode drop = diagnosis(pathId).path("mtuDrops").get(0);
        assertThat(drop.path("toMtu").asInt()).isEqualTo(1400);
        String dom = load("/view/#path=" + encode(pathId));
        assertThat(dom).contains("class=\"callout mtu-drop\" data-from=\"1500\" data-to=\"1400\"")
                .contains("1500 → 1400")
                .contains(text(drop.path("likelyCause").asText()))
                .contains("MTU drop reported by " + drop.path("router").asText());
        chromium.screenshot(base + "/view/#path=" + encode(pathId), ARTIFACTS.resolve("path-view-1400-drop.png"),
                1400, 1300, BUDGET_MS);
    }

    @Test
    void marksTheBlackHoleCriticalWithItsFix() throws Exception {
        String pathId = pathOf("black-hole-1400-v4");
        JsonNode failure = null;
        for (JsonNode finding : diagnosis(pathId).path("findings")) {
            if (finding.path("code").asText().equals("PMTUD_FAILURE")) {
                failure = finding;
            }
        }
        assertThat(failure).as("the pipeline's diagnosis has PMTUD_FAILURE").isNotNull();
        String dom = load("/view/#path=" + encode(pathId));
        assertThat(dom).containsPattern("class=\"badge critical status\" data-status=\"CRITICAL\">CRITICAL<")
                .contains("data-code=\"PMTUD_FAILURE\" data-severity=\"CRITICAL\"")
                .contains(text(failure.path("fix").asText()))
                .contains("class=\"callout black-hole\"")
                .contains("PMTUD black hole");
        chromium.screenshot(base + "/view/#path=" + encode(pathId), ARTIFACTS.resolve("path-view-black-hole.png"),
                1400, 1300, BUDGET_MS);
    }

    @Test
    void showsTheEcmpMembersSideBySideWithTheNarrowOneMarked() throws Exception {
        String pathId = pathOf("ecmp-1400-member-v4");
        JsonNode members = diagnosis(pathId).path("ecmpMembers");
        assertThat(members.size()).as("the pipeline's diagnosis has two members").isEqualTo(2);
        JsonNode narrow = members.get(0);
        String dom = load("/view/#path=" + encode(pathId));
        assertThat(dom).contains("class=\"panel ecmp\"").contains("Equal-cost members (2, ")
                .contains("class=\"member narrow\" data-flow=\"" + narrow.path("flow").asInt() + "\" data-pmtu=\"1400\"")
                .contains("class=\"member\" data-flow=\"" + members.get(1).path("flow").asInt() + "\" data-pmtu=\"1500\"")
                .contains(">PMTU 1400<").contains(">PMTU 1500<")
                .contains("limited at " + narrow.path("limitingRouter").asText())
                .contains("TTL 1  " + narrow.path("hops").get(0).asText())
                .contains("data-code=\"ECMP_NARROW_MEMBER\"");
        chromium.screenshot(base + "/view/#path=" + encode(pathId), ARTIFACTS.resolve("path-view-ecmp.png"),
                1400, 1500, BUDGET_MS);
    }

    @Test
    void showsTheReturnDirectionFiguresOfAReturnBlackHoleAndOfATargetIgnoringPtb() throws Exception {
        String blackHole = pathOf("return-black-hole-1400-v4");
        JsonNode rp = diagnosis(blackHole).path("returnPath");
        assertThat(rp.path("outcome").asText()).isEqualTo("STALLED");
        String dom = load("/view/#path=" + encode(blackHole));
        assertThat(dom).contains("class=\"panel return-path\" data-outcome=\"STALLED\"")
                .contains(">Largest segment arrived<").contains(">" + rp.path("largestSegment").asInt() + "<")
                .contains(">Target MSS<").contains(">" + rp.path("targetMss").asInt() + "<")
                .contains("sender shrank to")
                .contains("data-code=\"RETURN_PATH_BLACK_HOLE\"");
        chromium.screenshot(base + "/view/#path=" + encode(blackHole), ARTIFACTS.resolve("path-view-return-path.png"),
                1400, 1500, BUDGET_MS);

        String ignoring = pathOf("server-ignores-ptb-v6");
        assertThat(load("/view/#path=" + encode(ignoring))).contains("data-outcome=\"STALLED\"")
                .contains("ignored: nothing that fits came").contains("data-code=\"PTB_IGNORED\"");
        // A path without the test shows no return-direction panel.
        assertThat(load("/view/#path=" + encode(pathOf("link-1400-v4")))).doesNotContain("panel return-path")
                .doesNotContain("panel ecmp");
    }

    @Test
    void showsHtmlFromTheNetworkAsText() throws Exception {
        String pathId = pathOf(XSS_AGENT_ID);
        String dom = load("/view/#path=" + encode(pathId));
        // As text: escaped in the serialized DOM, in the list (target) and in the detail (agent name, target).
        assertThat(dom).contains(text(XSS_AGENT_NAME)).contains(text(XSS_TARGET_HOST));
        // Never as elements: the serialized DOM holds a "<" only where a real element starts.
        assertThat(dom).doesNotContain("<img").doesNotContain("<b id=").doesNotContain("<script>alert");
        chromium.screenshot(base + "/view/#path=" + encode(pathId), ARTIFACTS.resolve("path-view-escaped.png"),
                1400, 900, BUDGET_MS);
    }

    /** A recorded run re-labelled as another agent whose name and target host are HTML. */
    private static RunObservations withHtmlNames(RunObservations run) {
        String pathId = XSS_AGENT_ID + run.pathId().substring(run.pathId().indexOf('|'));
        Agent agent = Agent.newBuilder().setId(XSS_AGENT_ID).setName(XSS_AGENT_NAME).setLocation("<script>alert(2)</script>")
                .build();
        RunObservations fresh = RunReplayer.restamp(run, UUID.randomUUID().toString(), Instant.now());
        HandshakeObservation handshake = null;
        if (fresh.handshake() != null) {
            handshake = HandshakeObservation.newBuilder(fresh.handshake()).setPathId(pathId).setAgent(agent)
                    .setTarget(htmlHost(fresh.handshake().getTarget())).build();
        }
        List<HopObservation> hops = new ArrayList<>();
        for (HopObservation hop : fresh.hops()) {
            hops.add(HopObservation.newBuilder(hop).setPathId(pathId).setAgent(agent).setTarget(htmlHost(hop.getTarget()))
                    .build());
        }
        return new RunObservations(pathId, fresh.runId(), handshake, hops);
    }

    private static Target htmlHost(Target target) {
        return Target.newBuilder(target).setHost(XSS_TARGET_HOST).build();
    }

    /** The DOM after the page's scripts ran; retried once with more time if the first poll had not rendered yet. */
    private static String load(String pathAndHash) throws Exception {
        return chromium.renderedView(base + pathAndHash, BUDGET_MS, ARTIFACTS.resolve("last-dom.html"));
    }

    private static Set<String> listedPaths() throws Exception {
        Set<String> ids = new TreeSet<>();
        HttpResponse<String> response = get("/paths?limit=1000");
        if (response.statusCode() == 200) {
            JSON.readTree(response.body()).path("items").forEach(p -> ids.add(p.path("pathId").asText()));
        }
        return ids;
    }

    private static JsonNode diagnosis(String pathId) throws Exception {
        HttpResponse<String> response = get("/paths/" + encode(pathId));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("diagnosis");
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String pathOf(String agentId) {
        return pathIds.stream().filter(id -> id.startsWith(agentId + "|")).findFirst()
                .orElseThrow(() -> new AssertionError("no published path of agent " + agentId + " in " + pathIds));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** How text appears in serialized HTML (text nodes escape &, < and >). */
    private static String text(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\u00a0", "&nbsp;");
    }

    /** How an attribute value appears in serialized HTML (at least & and " are escaped). */
    private static String attribute(String value) {
        return value.replace("&", "&amp;").replace("\"", "&quot;");
    }
}
