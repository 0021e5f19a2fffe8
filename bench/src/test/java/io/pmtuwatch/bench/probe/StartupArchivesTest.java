package io.pmtuwatch.bench.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/startup-archives (what bin/setup --build runs) and bin/pmtu-probe with and without its archives:
 * the JDK 25 AOT caches where that JDK is installed, Java 17's class-data sharing archives always, and
 * none at all. The JVM is made to refuse to start when it cannot map the archive it is given
 * ({@code -XX:AOTMode=on}, {@code -Xshare:on}), so a run that passes did use it; the launcher's own
 * choice is read from its {@code bash -x} trace. Here, not in probe-producer: it needs the packaged jar.
 */
class StartupArchivesTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path JAR = ROOT.resolve("probe-producer/target/probe-producer-0.1.0-SNAPSHOT.jar");
    private static final Path JDK25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");
    private static final Path CAPTURE =
            ROOT.resolve("probe-producer/src/test/resources/captures/ndpi_6in4tunnel_ptb1460.pcap");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path made;

    private record Run(int exit, String out, String trace) {
        /** The java command line the launcher ran. */
        String java() {
            return trace.lines().filter(l -> l.startsWith("+ exec ")).findFirst().orElse("");
        }
    }

    private static boolean jdk25() {
        return Files.isExecutable(JDK25.resolve("bin/java"));
    }

    @BeforeAll
    static void makeArchives() throws Exception {
        Run run = run(ROOT.resolve("bin/startup-archives"), Map.of("PMTU_ARCHIVE_DIR", made.toString()));
        assertThat(run.exit()).isZero();
    }

    @Test
    void startupArchivesMakesAnArchivePerCommand() {
        for (String command : List.of("cli", "trace", "analyze")) {
            assertThat(made.resolve("pmtu-probe-" + command + ".jsa")).isRegularFile();
            if (jdk25()) {
                assertThat(made.resolve("pmtu-probe-" + command + ".aot")).isRegularFile();
            }
        }
    }

    /** Leaves only archives behind: the training capture is a scratch file. */
    @Test
    void theTrainingCaptureIsRemovedAfterwards() {
        assertThat(made.resolve("analyze-training.pcap")).doesNotExist();
    }

    /**
     * analyze trains on bin/training-capture's frames: they must read whole, in time order, and reach the
     * decoding paths a real capture does (tunnels, VLAN/MPLS/PPPoE, fragments, ICMP too big), or the
     * profiles in the AOT cache are the wrong ones.
     */
    @Test
    void theTrainingCaptureReadsWholeAndReachesEveryEncapsulation(@TempDir Path dir) throws Exception {
        Path capture = dir.resolve("training.pcap");
        assertThat(run(List.of(ROOT.resolve("bin/training-capture").toString(), capture.toString(), "5000"), Map.of()).exit())
                .isZero();

        Run analyze = plain("analyze", "--json", capture.toString());

        assertThat(analyze.exit()).as(analyze.trace()).isIn(0, 1); // 1: findings; 2 or 3 would be an unreadable or damaged file
        JsonNode counts = JSON.readTree(analyze.out()).get("counts");
        assertThat(counts.get("frames").asInt()).isEqualTo(5000);
        assertThat(counts.get("malformed").asInt()).isZero();
        assertThat(counts.get("backwardsTimestamps").asInt()).isZero();
        assertThat(counts.get("reassembledDatagrams").asInt()).isPositive();
        assertThat(counts.get("encapsulations").fieldNames()).toIterable()
                .contains("GRE", "IPV4_IN_IPV6", "IPV6_IN_IPV4", "MPLS", "PPPOE", "QINQ", "VLAN");
        assertThat(JSON.readTree(analyze.out()).get("mtuEvents").size()).isPositive();
    }

    /**
     * A source frame cut by the snapshot length stays cut in the training capture (its record keeps the
     * original length), and the capture holds exactly the frames asked for, not up to a pass more.
     */
    @Test
    void theTrainingCaptureKeepsOriginalLengthsAndTheFrameCount(@TempDir Path dir) throws Exception {
        byte[] source = Files.readAllBytes(CAPTURE);
        java.nio.ByteBuffer records = java.nio.ByteBuffer.wrap(source).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int frames = 0;
        for (int at = 24; at + 16 <= source.length; at += 16 + records.getInt(at + 8)) {
            frames++;
        }
        // The first record claims 100 bytes more on the wire than it holds.
        records.putInt(24 + 12, records.getInt(24 + 8) + 100);
        Path seed = dir.resolve("seed.pcap");
        Files.write(seed, source);
        Path capture = dir.resolve("training.pcap");
        int asked = 2 * frames + 1; // two passes and the first record once more: three cut frames

        assertThat(run(List.of(ROOT.resolve("bin/training-capture").toString(), capture.toString(),
                Integer.toString(asked), seed.toString()), Map.of()).exit()).isZero();

        JsonNode counts = JSON.readTree(plain("analyze", "--json", capture.toString()).out()).get("counts");
        assertThat(counts.get("frames").asInt()).isEqualTo(asked);
        assertThat(counts.get("snaplenCutFrames").asInt()).isEqualTo(3);
    }

    @Test
    void theCommandsRunFromTheAotCacheWithTheSameAnswers() throws Exception {
        if (!jdk25()) {
            return; // no JDK 25 here: the class-data sharing tests below are what bin/pmtu-probe uses
        }
        Map<String, String> aot = Map.of("PMTU_ARCHIVE_DIR", made.toString(),
                "PMTU_JAVA_OPTS", "-XX:+UseSerialGC -XX:AOTMode=on");
        Run version = probe(aot, "--version");
        assertThat(version.exit()).isZero();
        assertThat(version.out()).startsWith("pmtu-probe ");
        assertThat(version.java()).contains(JDK25.toString(), "-XX:AOTCache=" + made.resolve("pmtu-probe-cli.aot"));

        Run analyze = probe(aot, "analyze", "--json", CAPTURE.toString());
        assertThat(analyze.java()).contains("-XX:AOTCache=" + made.resolve("pmtu-probe-analyze.aot"));
        assertThat(analyze.out()).isEqualTo(plain("analyze", "--json", CAPTURE.toString()).out());

        Run trace = probe(aot, "trace", "--json", "--no-mss", "127.0.0.1");
        assertThat(trace.java()).contains("-XX:AOTCache=" + made.resolve("pmtu-probe-trace.aot"));
        assertSameVerdict(trace, plain("trace", "--json", "--no-mss", "127.0.0.1"));
    }

    @Test
    void withoutJdk25TheCommandsRunFromClassDataSharing() throws Exception {
        Map<String, String> cds = Map.of("PMTU_ARCHIVE_DIR", made.toString(), "PMTU_AOT_JDK", "/nonexistent",
                "PMTU_JAVA_OPTS", "-XX:+UseSerialGC -Xshare:on");
        Run version = probe(cds, "--version");
        assertThat(version.exit()).isZero();
        assertThat(version.java()).startsWith("+ exec java ")
                .contains("-XX:SharedArchiveFile=" + made.resolve("pmtu-probe-cli.jsa")).doesNotContain("AOTCache");

        Run analyze = probe(cds, "analyze", "--json", CAPTURE.toString());
        assertThat(analyze.java()).contains("-XX:SharedArchiveFile=" + made.resolve("pmtu-probe-analyze.jsa"));
        assertThat(analyze.out()).isEqualTo(plain("analyze", "--json", CAPTURE.toString()).out());

        Run trace = probe(cds, "trace", "--json", "--no-mss", "127.0.0.1");
        assertThat(trace.java()).contains("-XX:SharedArchiveFile=" + made.resolve("pmtu-probe-trace.jsa"));
        assertSameVerdict(trace, plain("trace", "--json", "--no-mss", "127.0.0.1"));
    }

    /** A cache older than the jar (made before the last build) is passed over for the CDS archive. */
    @Test
    void aCacheOlderThanTheJarIsNotUsed(@TempDir Path stale) throws Exception {
        for (String file : List.of("pmtu-probe-cli.jsa", "pmtu-probe-cli.aot")) {
            if (Files.exists(made.resolve(file))) {
                Files.copy(made.resolve(file), stale.resolve(file));
            }
        }
        FileTime beforeJar = FileTime.fromMillis(Files.getLastModifiedTime(JAR).toMillis() - 60_000);
        if (Files.exists(stale.resolve("pmtu-probe-cli.aot"))) {
            Files.setLastModifiedTime(stale.resolve("pmtu-probe-cli.aot"), beforeJar);
        }

        Run version = probe(Map.of("PMTU_ARCHIVE_DIR", stale.toString()), "--version");

        assertThat(version.exit()).isZero();
        assertThat(version.java()).doesNotContain("AOTCache")
                .contains("-XX:SharedArchiveFile=" + stale.resolve("pmtu-probe-cli.jsa"));
    }

    @Test
    void withoutArchivesTheCommandsRunPlainAndMakeNone(@TempDir Path empty) throws Exception {
        Run version = probe(Map.of("PMTU_ARCHIVE_DIR", empty.toString(), "PMTU_NO_CDS", "1"), "--version");

        assertThat(version.exit()).isZero();
        assertThat(version.out()).startsWith("pmtu-probe ");
        assertThat(version.java()).doesNotContain("AOTCache", "SharedArchiveFile", "ArchiveClassesAtExit");
        try (var files = Files.list(empty)) {
            assertThat(files).isEmpty();
        }
    }

    private static void assertSameVerdict(Run archived, Run plain) throws IOException {
        assertThat(archived.exit()).isEqualTo(plain.exit());
        JsonNode a = JSON.readTree(archived.out());
        JsonNode p = JSON.readTree(plain.out());
        for (String field : List.of("status", "pmtu", "pmtu_source", "findings", "hops")) {
            if (field.equals("hops")) {
                assertThat(a.get(field).size()).isEqualTo(p.get(field).size());
            } else {
                assertThat(a.get(field)).as(field).isEqualTo(p.get(field));
            }
        }
    }

    /** bin/pmtu-probe without any archive: Java 17, nothing mapped, nothing written. */
    private static Run plain(String... args) throws Exception {
        return probe(Map.of("PMTU_NO_AOT", "1", "PMTU_NO_CDS", "1", "PMTU_ARCHIVE_DIR", "/nonexistent"), args);
    }

    private static Run probe(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", "-x", ROOT.resolve("bin/pmtu-probe").toString()));
        command.addAll(List.of(args));
        return run(command, env);
    }

    private static Run run(Path script, Map<String, String> env) throws Exception {
        return run(List.of(script.toString()), env);
    }

    private static Run run(List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().remove("PMTU_JAVA_OPTS");
        builder.environment().putAll(env);
        Path out = Files.createTempFile(made, "out", ".txt");
        Path err = Files.createTempFile(made, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
