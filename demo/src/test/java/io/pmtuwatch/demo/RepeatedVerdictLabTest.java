package io.pmtuwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pmtuwatch.embedded.KafkaHarness;
import io.pmtuwatch.lab.Family;
import io.pmtuwatch.lab.Lab;
import io.pmtuwatch.probe.agent.ClampProbe;
import io.pmtuwatch.probe.agent.IpPreference;
import io.pmtuwatch.probe.agent.NamespaceRunner;
import io.pmtuwatch.probe.agent.ProbeRunner;
import io.pmtuwatch.probe.agent.TargetAddressResolver;
import io.pmtuwatch.probe.agent.TargetSpec;
import io.pmtuwatch.probe.agent.TracerPathProber;
import io.pmtuwatch.probe.cli.ProbeMain;
import io.pmtuwatch.probe.handshake.HandshakeProber;
import io.pmtuwatch.probe.handshake.HandshakeSettings;
import io.pmtuwatch.probe.kafka.KafkaObservationPublisher;
import io.pmtuwatch.probe.trace.TraceSettings;
import io.pmtuwatch.schemas.Agent;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.Topics;
import io.pmtuwatch.schemas.Transport;
import io.pmtuwatch.testsupport.RequiresRoot;
import io.pmtuwatch.testsupport.TopicRecords;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * One path, one verdict, on real namespaces: every demo lab path diagnosed ten times in a row, in a
 * different order among the other paths each round, by {@code trace --json} and by the agent through
 * the stream processor's topology (in-process broker), the TCP-only paths with the probe their demo
 * agent uses (auto falls back to TCP SYNs, tcp leads with them). Every diagnosis of a path has the same codes
 * and figures, and trace and pipeline agree, although from the second round on the agent's kernel
 * holds the PMTU it learned (its SYNs then carry PMTU - headers; the verdict must not care). The
 * ECMP and return-direction paths of the demo have their own every-run tests (EcmpLabTest,
 * ReturnPathLabTest): a return-path message carries per-run byte counts.
 */
@RequiresRoot
class RepeatedVerdictLabTest {

    private static final int REPEATS = 10;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<DemoPaths.DemoPath> PATHS = DemoPaths.ALL.stream()
            .filter(p -> !p.isEcmp() && p.returnPath() == io.pmtuwatch.probe.returnpath.ReturnRequest.OFF).toList();

    @TempDir
    Path stateDir;

    /** The figures and findings both routes report; the probe's own SYN (probe_syn) deliberately left out. */
    record Facts(String status, Integer pmtu, String pmtuSource, String probeMethod, Integer sent, Integer received,
                 Integer effective, List<String> drops, List<List<String>> findings) {
    }

    @Test
    void everyLabPathGetsTheSameVerdictTenTimesByTraceAndThroughTheTopology() throws Exception {
        KafkaHarness kafka = KafkaHarness.shared();
        Map<DemoPaths.DemoPath, Lab> labs = new LinkedHashMap<>();
        try (EmbeddedProcessor processor = EmbeddedProcessor.start(kafka.bootstrapServers(), stateDir, 0,
                new PrintStream(OutputStream.nullOutputStream()))) {
            Map<io.pmtuwatch.lab.ChainSpec, Lab> bySpec = new java.util.IdentityHashMap<>();
            for (DemoPaths.DemoPath path : PATHS) {
                labs.put(path, bySpec.computeIfAbsent(path.spec(), Lab::build));
            }
            String agentSuffix = "-repeat-" + System.nanoTime();
            KafkaObservationPublisher publisher = KafkaObservationPublisher.create(kafka.bootstrapServers(),
                    "repeat-test", Topics.HOP_OBSERVATIONS, Topics.HANDSHAKE_OBSERVATIONS);
            Map<DemoPaths.DemoPath, List<Facts>> traced = new LinkedHashMap<>();
            List<DemoPaths.DemoPath> order = new ArrayList<>(PATHS);
            Random shuffle = new Random(12);
            for (int round = 0; round < REPEATS; round++) {
                Collections.shuffle(order, shuffle);
                for (DemoPaths.DemoPath path : order) {
                    Lab lab = labs.get(path);
                    traced.computeIfAbsent(path, p -> new ArrayList<>()).add(trace(path, lab));
                    runner(path, publisher, path.agentId() + agentSuffix).runOnce(target(path, lab))
                            .delivered().get();
                }
            }
            publisher.close(Duration.ofSeconds(10));

            List<PathDiagnosis> all = TopicRecords.read(kafka.clientConfig(), Topics.DIAGNOSES, PathDiagnosis.class,
                    Integer.MAX_VALUE, Duration.ofSeconds(30));
            for (DemoPaths.DemoPath path : PATHS) {
                List<Facts> byTrace = traced.get(path);
                List<Facts> byPipeline = all.stream()
                        .filter(d -> d.getAgent().getId().equals(path.agentId() + agentSuffix))
                        .map(RepeatedVerdictLabTest::facts).toList();
                assertThat(byTrace).as("trace, %s", path.agentId()).hasSize(REPEATS);
                assertThat(byPipeline).as("pipeline, %s", path.agentId()).hasSize(REPEATS);
                assertThat(byTrace.stream().distinct()).as("trace, %s: one verdict", path.agentId()).hasSize(1);
                assertThat(byPipeline.stream().distinct()).as("pipeline, %s: one verdict", path.agentId()).hasSize(1);
                assertThat(byPipeline.get(0)).as("pipeline vs trace, %s", path.agentId()).isEqualTo(byTrace.get(0));
                assertThat(byTrace.get(0).pmtu()).as("PMTU, %s", path.agentId()).isEqualTo(path.pmtu());
                // A target answering TCP only is measured with SYNs (probe: auto falls back, probe: tcp leads).
                assertThat(byTrace.get(0).probeMethod().equals("TCP_SYN")).as("probe method %s, %s",
                        byTrace.get(0).probeMethod(), path.agentId()).isEqualTo(path.isTcpOnly());
            }
        } finally {
            labs.values().stream().distinct().forEach(Lab::close);
        }
    }

    private static boolean clamps(DemoPaths.DemoPath path) {
        return !path.spec().clampMss().isEmpty();
    }

    private static TargetSpec target(DemoPaths.DemoPath path, Lab lab) {
        return new TargetSpec(lab.truth().serverAddress(path.family()), lab.truth().tcpPort(), Transport.TCP,
                path.family() == Family.V6 ? IpPreference.V6 : IpPreference.V4, Duration.ofMinutes(1),
                lab.agentNamespace(), 0, TargetSpec.ReturnPathSpec.OFF, path.probe());
    }

    private static ProbeRunner runner(DemoPaths.DemoPath path, KafkaObservationPublisher publisher, String agentId) {
        return new ProbeRunner(Agent.newBuilder().setId(agentId).build(), new HandshakeProber(HandshakeSettings.DEFAULT),
                new TracerPathProber(TraceSettings.defaults()), publisher, TargetAddressResolver.SYSTEM,
                NamespaceRunner.LINUX, clamps(path) ? ClampProbe.tracebox() : ClampProbe.NONE);
    }

    private static Facts trace(DemoPaths.DemoPath path, Lab lab) throws Exception {
        List<String> args = new ArrayList<>(List.of("trace", "--json", path.family() == Family.V6 ? "-6" : "-4",
                "--netns", lab.agentNamespace(), "--port", String.valueOf(lab.truth().tcpPort())));
        if (clamps(path)) {
            args.add("--locate-clamp");
        }
        if (path.probe() == io.pmtuwatch.probe.trace.TraceProtocol.TCP) {
            args.addAll(List.of("--tcp", String.valueOf(lab.truth().tcpPort())));
        }
        args.add(lab.truth().serverAddress(path.family()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = ProbeMain.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args.toArray(String[]::new));
        assertThat(exit).as("trace %s: %s", args, err).isIn(0, 1);
        JsonNode doc = JSON.readTree(out.toString());
        List<List<String>> findings = new ArrayList<>();
        doc.get("findings").forEach(f -> findings.add(List.of(f.get("code").asText(), f.get("severity").asText(),
                f.get("message").asText(), text(f.get("fix")), text(f.get("hop")))));
        List<String> drops = new ArrayList<>();
        doc.get("mtu_drops").forEach(d -> drops.add(d.get("router").asText() + ">" + text(d.get("next_hop")) + " "
                + d.get("from_mtu").asInt() + "->" + d.get("to_mtu").asInt() + " " + d.get("likely_cause").asText()));
        JsonNode mss = doc.get("mss");
        return new Facts(exit == 0 ? "INFO" : worst(findings), integer(doc.get("pmtu")), doc.get("pmtu_source").asText(),
                doc.get("probe_method").asText(), integer(mss.get("sent")), integer(mss.get("received")), integer(mss.get("effective")), drops, findings);
    }

    private static String worst(List<List<String>> findings) {
        return findings.isEmpty() ? "UNKNOWN" : findings.get(0).get(1);
    }

    private static Facts facts(PathDiagnosis d) {
        return new Facts(d.getStatus().name(), d.getPmtu(), d.getPmtuSource().name(), d.getProbeMethod().name(),
                d.getMss().getSent(),
                d.getMss().getReceived(), d.getMss().getEffective(),
                d.getMtuDrops().stream().map(m -> m.getRouter() + ">" + (m.getNextHop() == null ? "null" : m.getNextHop())
                        + " " + m.getFromMtu() + "->" + m.getToMtu() + " " + m.getLikelyCause()).toList(),
                d.getFindings().stream().map(f -> List.of(f.getCode().name(), f.getSeverity().name(), f.getMessage(),
                        f.getFix() == null ? "null" : f.getFix(), f.getHop() == null ? "null" : f.getHop()))
                        .collect(Collectors.toList()));
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? "null" : node.asText();
    }

    private static Integer integer(JsonNode node) {
        return node == null || node.isNull() ? null : node.asInt();
    }
}
