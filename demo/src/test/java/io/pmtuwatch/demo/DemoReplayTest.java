package io.pmtuwatch.demo;

import io.pmtuwatch.settings.StateHome;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's first command on a machine without the lab: the whole pipeline (in-process Kafka,
 * the stream processor) diagnoses the recorded lab runs, and every demo path is printed with its
 * verdict.
 */
class DemoReplayTest {

    @Test
    void replayModePrintsTheDiagnosisOfEveryDemoPath() throws IOException {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        StringWriter errors = new StringWriter();
        int exit;
        try {
            CommandLine demo = new CommandLine(new DemoMain());
            demo.setErr(new PrintWriter(errors));
            exit = demo.execute("--replay", "--once", "--duration", "PT90S", "--interval", "PT5S",
                    "--port", "0", "--no-color");
        } finally {
            System.setOut(stdout);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(errors + out).isZero();
        assertThat(out).contains("replaying recorded lab runs").contains("every path diagnosed");
        for (DemoPaths.DemoPath path : DemoPaths.ALL) {
            assertThat(out).as("a diagnosis line for " + path.agentId()).containsPattern(
                    "\\[(INFO|WARNING|CRITICAL)\\] " + path.agentId() + " +-> ");
        }
        assertThat(out).containsPattern("\\[CRITICAL\\] black-hole-1400-v4 .*PMTU 1400 +\\(SIZE_SEARCH\\)");
        assertThat(out).containsPattern("\\[INFO\\] clean-1500-v4 .*PMTU 1500");
        assertThat(out).contains("MTU drop 1500 -> 1450").contains("VXLAN");
        assertThat(out).contains("PMTUD_FAILURE").contains("fix: ");
        assertThat(out).containsPattern(
                "\\[WARNING\\] tcp-only-1400-v4 .*PMTU 1400 +\\(PTB\\) .*probed by TCP_SYN");
        assertThat(out).containsPattern(
                "\\[CRITICAL\\] tcp-only-black-hole-1400-v4 .*PMTU 1400 +\\(SIZE_SEARCH\\) .*probed by TCP_SYN");
        assertThat(out).contains("ECMP_NARROW_MEMBER").contains("RETURN_PATH_BLACK_HOLE").contains("PTB_IGNORED");
        assertThat(leftStateDirectories()).as("the demo's state goes with its run").isEmpty();
    }

    private static List<Path> leftStateDirectories() throws IOException {
        Path home = StateHome.of(System.getenv());
        if (!Files.isDirectory(home)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(home)) {
            return entries.filter(p -> p.getFileName().toString().startsWith("demo-")).toList();
        }
    }
}
