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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code trace --json} against a server that answers TCP only (UDP and ICMP echo dropped at the
 * server), behind a 1400 link whose router sends frag-needed, or drops it (a black hole): with
 * {@code --tcp PORT}, and without it (the UDP run reaches no target, so the trace falls back to TCP).
 */
@Tag("root")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TcpTraceLabTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final LabCache labs = new LabCache();

    @AfterAll
    void tearDown() {
        labs.close();
    }

    private Lab lab(ChainSpec spec) {
        return labs.lab(spec);
    }

    Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (ChainSpec spec : Topologies.tcpOnly()) {
            for (Family family : Family.values()) {
                for (boolean explicit : List.of(true, false)) {
                    cases.add(Arguments.of(spec, family, explicit));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} --tcp {2}")
    @MethodSource("cases")
    void tcpProbesFindThePmtuTheRouterAndTheBlackHole(ChainSpec spec, Family family, boolean explicit) throws Exception {
        Lab lab = lab(spec);
        GroundTruth truth = lab.truth();
        String port = String.valueOf(truth.tcpPort());
        List<String> args = new ArrayList<>(List.of("trace", "--json", family == Family.V4 ? "-4" : "-6", "--netns",
                lab.agentNamespace(), "--port", port, "--no-mss"));
        if (explicit) {
            args.addAll(List.of("--tcp", port));
        }
        args.add(truth.serverAddress(family));
        TraceCommandLabTest.Run run = TraceCommandLabTest.run(args.toArray(String[]::new));
        assertThat(run.exit()).as("exit; stderr: %s", run.err()).isIn(0, 1);
        JsonNode doc = JSON.readTree(run.out());
        String context = run.out();
        System.out.printf("%s %s %s: %d probes, %d ms%n", spec.name(), family, explicit ? "--tcp" : "auto",
                doc.get("probes_sent").asInt(), doc.get("elapsed_ms").asLong());

        assertThat(doc.get("pmtu").asInt()).as(context).isEqualTo(truth.pmtu());
        assertThat(doc.get("probe_method").asText()).as(context).isEqualTo("TCP_SYN");
        for (ExpectedDrop drop : truth.drops(family)) {
            if (drop.ptbReachesAgent()) {
                assertThat(doc.get("mtu_drops")).as(context).anySatisfy(d -> {
                    assertThat(d.get("router").asText()).isEqualTo(drop.router());
                    assertThat(d.get("router_ttl").asInt()).isEqualTo(drop.routerTtl());
                    assertThat(d.get("to_mtu").asInt()).isEqualTo(drop.toMtu());
                });
            }
        }
        Optional<ExpectedBlackHole> hole = truth.blackHole(family);
        JsonNode bh = doc.get("black_hole");
        assertThat(bh.get("detected").asBoolean()).as(context).isEqualTo(hole.isPresent());
        if (hole.isPresent()) {
            assertThat(bh.get("router").asText()).as(context).isEqualTo(hole.get().router());
            assertThat(bh.get("last_responding_ttl").asInt()).isEqualTo(hole.get().lastRespondingTtl());
            assertThat(bh.get("first_silent_ttl").asInt()).isEqualTo(hole.get().lastRespondingTtl() + 1);
            assertThat(bh.get("largest_ok").asInt()).isEqualTo(hole.get().pmtu());
            assertThat(bh.get("smallest_lost").asInt()).isEqualTo(hole.get().pmtu() + 1);
            assertThat(doc.get("findings")).anySatisfy(f -> assertThat(f.get("code").asText()).isEqualTo("PMTUD_FAILURE"));
        }
        assertThat(doc.get("hops")).as(context).hasSizeGreaterThanOrEqualTo(truth.serverTtl());
        // Our kernel answered each SYN-ACK with a RST (no socket of ours owns the port): nothing half-open.
        assertThat(lab.exec(spec.serverTtl(), "ss -Htan state syn-recv")).as("half-open connections").isBlank();
        if (!explicit) {
            assertThat(doc.get("notes").toString()).as(context).contains("measured with TCP SYNs to port " + port);
        }
    }
}
