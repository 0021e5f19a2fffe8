package io.pmtuwatch.probe.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pmtuwatch.lab.ChainSpec;
import io.pmtuwatch.lab.Family;
import io.pmtuwatch.lab.Lab;
import io.pmtuwatch.lab.Topologies;
import io.pmtuwatch.probe.cli.ProbeMain;
import io.pmtuwatch.testsupport.RequiresRoot;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * A live {@code trace} through the 1400 lab and the clamp lab, recorded (pcap4j dumper) in the agent
 * namespace, then {@code analyze}d offline: the file gives the same verdict as the live run (PMTU from
 * the PTB, the MSS values, the WARNING/CRITICAL findings and the MTU drop's router).
 */
@RequiresRoot
class OfflineMatchesLiveLabTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> cases() {
        return Stream.of(Arguments.of(Topologies.mtu1400(), Family.V4), Arguments.of(Topologies.mtu1400(), Family.V6),
                Arguments.of(Topologies.mssClamp(), Family.V4), Arguments.of(Topologies.mssClamp(), Family.V6));
    }

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = ProbeMain.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        assertThat(code).as("%s: %s", args[0], err).isIn(0, 1);
        return out.toString();
    }

    private static Set<String> serious(JsonNode findings) {
        Set<String> codes = new TreeSet<>();
        findings.forEach(f -> {
            if (!f.get("severity").asText().equals("INFO") || f.get("code").asText().equals("MTU_DROP")) {
                codes.add(f.get("code").asText());
            }
        });
        return codes;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void captureOfATraceGivesTheTracesFindings(ChainSpec spec, Family family) throws Exception {
        Path pcap = Files.createTempFile("pmtu-lab-", ".pcap");
        try (Lab lab = Lab.build(spec)) {
            String server = lab.truth().serverAddress(family);
            int port = lab.truth().tcpPort();
            try (CaptureRecorder recorder = CaptureRecorder.start(lab.agent(), "right", pcap)) {
                JsonNode live = JSON.readTree(run("trace", "--json", family == Family.V4 ? "-4" : "-6", "--netns",
                        lab.agentNamespace(), "--port", String.valueOf(port), server));
                long frames = recorder.stop();

                JsonNode offline = JSON.readTree(run("analyze", "--json", pcap.toString()));
                String host = family == Family.V6 ? "[" + server + "]" : server;
                JsonNode flow = null;
                for (JsonNode f : offline.get("flows")) {
                    if (f.get("server").asText().equals(host + ":" + port) && f.get("mssSent").isInt()) {
                        flow = f;
                    }
                }
                assertThat(flow).as("%d frames\noffline %s\nlive %s", frames, offline, live).isNotNull();
                String context = "live " + live + "\noffline " + flow;
                assertThat(flow.get("mssReceived").asInt()).as(context).isEqualTo(live.get("mss").get("received").asInt());
                assertThat(flow.get("mssSent").asInt()).as(context).isEqualTo(live.get("mss").get("sent").asInt());
                if ("PTB".equals(live.get("pmtu_source").asText())) {
                    assertThat(flow.get("pmtu").asInt()).as(context).isEqualTo(live.get("pmtu").asInt());
                    assertThat(flow.get("effectiveMss").asInt()).as(context)
                            .isEqualTo(live.get("mss").get("effective").asInt());
                }
                assertThat(serious(flow.get("findings"))).as(context).isEqualTo(serious(live.get("findings")));
            }
        } finally {
            Files.deleteIfExists(pcap);
        }
    }
}
