package io.pmtuwatch.probe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pmtuwatch.lab.ChainSpec;
import io.pmtuwatch.lab.ExpectedBlackHole;
import io.pmtuwatch.lab.ExpectedDrop;
import io.pmtuwatch.lab.Family;
import io.pmtuwatch.lab.GroundTruth;
import io.pmtuwatch.lab.Lab;
import io.pmtuwatch.lab.LabCache;
import io.pmtuwatch.lab.Topologies;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** {@code trace --json} from a lab's agent namespace: PMTU, drops, black hole and MSS against the ground truth. */
@Tag("root")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TraceCommandLabTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final LabCache labs = new LabCache();

    @AfterAll
    void tearDown() {
        labs.close();
    }

    private Lab lab(ChainSpec spec) {
        return labs.lab(spec);
    }

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = ProbeMain.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.EnumSource(Family.class)
    void locateClampJoinsTheTraceWithTheClampingRouter(Family family) throws Exception {
        Lab lab = lab(Topologies.mssClamp());
        GroundTruth truth = lab.truth();
        int clampRouter = truth.clamps().keySet().iterator().next();
        Run run = run("trace", "--json", "--locate-clamp", family == Family.V4 ? "-4" : "-6", "--netns",
                lab.agentNamespace(), "--port", String.valueOf(truth.tcpPort()), truth.serverAddress(family));
        assertThat(run.exit()).as("stderr: %s", run.err()).isEqualTo(1);
        JsonNode doc = JSON.readTree(run.out());
        assertThat(doc.get("findings")).as(run.out()).anySatisfy(f -> {
            assertThat(f.get("code").asText()).isEqualTo("MSS_CLAMPED");
            assertThat(f.get("message").asText()).contains(truth.hopAddress(family, clampRouter)).contains("1200");
        });
    }

    Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (ChainSpec spec : List.of(Topologies.clean(), Topologies.mtu1400(), Topologies.vxlan(),
                Topologies.blackHole(), Topologies.transitFilter(), Topologies.below576(), Topologies.ipv6Tunnel1280(),
                Topologies.ipv6BlackHole(), Topologies.mssClamp())) {
            cases.add(Arguments.of(spec, Family.V4));
            if (spec.carriesIpv6()) {
                cases.add(Arguments.of(spec, Family.V6));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void jsonMatchesTheGroundTruth(ChainSpec spec, Family family) throws Exception {
        Lab lab = lab(spec);
        GroundTruth truth = lab.truth();
        Run run = run("trace", "--json", family == Family.V4 ? "-4" : "-6", "--netns", lab.agentNamespace(),
                "--port", String.valueOf(truth.tcpPort()), truth.serverAddress(family));
        assertThat(run.exit()).as("exit; stderr: %s", run.err()).isIn(0, 1);
        JsonNode doc = JSON.readTree(run.out());
        String context = run.out();

        assertThat(doc.get("pmtu").asInt()).as(context).isEqualTo(truth.pmtu());
        assertThat(doc.get("local_mtu").asInt()).isEqualTo(truth.localMtu());
        for (ExpectedDrop drop : truth.drops(family)) {
            if (drop.ptbReachesAgent()) {
                assertThat(doc.get("mtu_drops")).as(context).anySatisfy(d -> {
                    assertThat(d.get("router").asText()).isEqualTo(drop.router());
                    assertThat(d.get("router_ttl").asInt()).isEqualTo(drop.routerTtl());
                    assertThat(d.get("next_hop").asText()).isEqualTo(drop.nextHop());
                    assertThat(d.get("to_mtu").asInt()).isEqualTo(drop.toMtu());
                    assertThat(d.get("likely_cause").asText()).isNotBlank();
                });
            }
        }
        Optional<ExpectedBlackHole> hole = truth.blackHole(family);
        JsonNode bh = doc.get("black_hole");
        assertThat(bh.get("detected").asBoolean()).as(context).isEqualTo(hole.isPresent());
        if (hole.isPresent()) {
            assertThat(bh.get("router").asText()).isEqualTo(hole.get().router());
            assertThat(bh.get("last_responding_ttl").asInt()).isEqualTo(hole.get().lastRespondingTtl());
            assertThat(bh.get("largest_ok").asInt()).isEqualTo(hole.get().pmtu());
            assertThat(bh.get("smallest_lost").asInt()).isEqualTo(hole.get().pmtu() + 1);
            assertThat(doc.get("findings")).anySatisfy(f -> assertThat(f.get("code").asText()).isEqualTo("PMTUD_FAILURE"));
        }
        JsonNode mss = doc.get("mss");
        int expectedReceived = truth.clamps().isEmpty() ? truth.serverMss(family) : truth.clamps().values().iterator().next();
        assertThat(mss.get("received").asInt()).as(context).isEqualTo(expectedReceived);
        assertThat(mss.get("method").asText()).isIn("PCAP", "TCP_INFO");
        assertThat(doc.get("hops")).hasSizeGreaterThanOrEqualTo(truth.serverTtl());
        assertThat(doc.get("probes_sent").asInt()).isPositive();
        for (String field : List.of("pmtu_source", "elapsed_ms", "findings")) {
            assertThat(doc.has(field)).as(field).isTrue();
        }
        if (spec.name().equals("clean-1500")) {
            assertThat(run.exit()).as(context).isZero();
        }
        if (hole.isPresent() || spec.name().equals("ipv6-1280-mss1440")) {
            assertThat(run.exit()).as(context).isEqualTo(1);
        }
    }

    @Test
    void tableNamesTheDropRouterAndTheVerdict() {
        Lab lab = lab(Topologies.mtu1400());
        Run run = run("trace", "-4", "--no-mss", "--netns", lab.agentNamespace(), lab.truth().serverAddress(Family.V4));
        assertThat(run.out()).contains("<== MTU 1500 -> 1400").contains("10.0.1.2").contains("PMTU 1400")
                .contains("MSS  not measured").contains("Verdict:");
    }

    @Test
    void unknownHostIsAnErrorWithAClearMessage() {
        Run run = run("trace", "--no-mss", "no-such-host.invalid");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("unknown host");
    }
}
