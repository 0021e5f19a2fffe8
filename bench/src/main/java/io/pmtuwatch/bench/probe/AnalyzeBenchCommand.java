package io.pmtuwatch.bench.probe;

import io.pmtuwatch.probe.capture.AnalysisReport;
import io.pmtuwatch.probe.capture.CaptureFileAnalysis;
import io.pmtuwatch.probe.capture.CaptureFileReader;
import io.pmtuwatch.probe.capture.LiveFilter;
import io.pmtuwatch.probe.capture.ReportBuilder;
import io.pmtuwatch.schemas.Origin;
import java.io.File;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code bench-analyze}: packets per second of {@code analyze} on a large capture, with the built-in
 * reader and with {@code --reader pcap4j}, against {@code tcpdump -r} with the sensor's BPF filter and
 * {@code tshark -r} with the equivalent display filter, on the same file in the same run. Rounds are
 * interleaved (each tool once per round) so that a noisy neighbour hurts every tool alike; medians are
 * reported. Prints a table; not a test (machines are shared and noisy, so the ratios are what matters).
 */
@Command(name = "bench-analyze", mixinStandardHelpOptions = true,
        description = {"Benchmark analyze (built-in reader and --reader pcap4j) against tcpdump and tshark on a"
                + " capture of millions of packets.",
                "analyze runs as its own process (bin/pmtu-probe analyze --json FILE from the project's root, as a"
                        + " user runs it with its start-up archive; elsewhere java <bin/pmtu-probe's JVM options> -cp"
                        + " <this class path> ...), like"
                        + " tcpdump and tshark, so that its times include the JVM's start-up and JIT warm-up; and"
                        + " in this JVM once warm (reading, analysis and report, no output). A tool that is not"
                        + " installed is reported as such and the others still run."})
public final class AnalyzeBenchCommand implements Callable<Integer> {

    static final String TSHARK_FILTER = "tcp.flags.syn == 1 or icmp.type == 3 or icmp.type == 11"
            + " or icmpv6.type == 1 or icmpv6.type == 2 or icmpv6.type == 3";
    private static final double NOT_INSTALLED = -1;
    /** Kept equal to bin/pmtu-probe's default. */
    static final String LAUNCHER_DEFAULT_OPTIONS = "-XX:+UseSerialGC";
    private static final String TCPDUMP = "tcpdump -n -r FILE '<sensor BPF>'";

    @Spec
    CommandSpec spec;

    @Option(names = "--seed", paramLabel = "FILE", split = ",",
            description = "Ethernet captures whose frames are repeated (default: the shared captures' smtp, filestore"
                    + " and mixed VLAN/MPLS files).")
    List<Path> seeds;

    @Option(names = "--packets", paramLabel = "N", defaultValue = "3000000", description = "Frames in the large capture.")
    long packets;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "probe-producer/target/bench-analyze.pcap",
            description = "Where the large capture is written (reused when it already holds --packets frames).")
    Path out;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "5",
            description = "Rounds; each runs every tool once (default: ${DEFAULT-VALUE}). The median counts.")
    int runs;

    /** One row of the table: a tool and how to run it once. */
    private record Tool(String name, Timed timed) {
    }

    private interface Timed {
        /** Seconds of one run, or {@link #NOT_INSTALLED}. */
        double seconds() throws Exception;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter w = spec.commandLine().getOut();
        if (seeds == null) {
            Path shared = Path.of("../shared/captures");
            seeds = List.of(shared.resolve("zeek_smtp_fragneeded1492.pcap"),
                    shared.resolve("suricata_filestore5408_fragneeded1500.pcap"),
                    shared.resolve("zeek_mixed_vlan_mpls.pcap"));
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        long t0 = System.nanoTime();
        boolean built = AnalyzeBenchCapture.ensure(seeds, out, packets);
        w.printf("%s %s: %d frames, %d MB in %.1f s%n", built ? "built" : "reused", out, packets,
                Files.size(out) >> 20, (System.nanoTime() - t0) / 1e9);
        for (CaptureFileReader reader : CaptureFileReader.values()) {
            checkFrames(reader);
        }
        w.flush();
        List<Tool> tools = List.of(
                new Tool("bin/pmtu-probe analyze (built-in reader)", () -> analyzeProcess(CaptureFileReader.BUILTIN)),
                new Tool("bin/pmtu-probe analyze --reader pcap4j", () -> analyzeProcess(CaptureFileReader.PCAP4J)),
                new Tool("analyze, built-in reader (in-process, warm)", () -> analyzeHere(CaptureFileReader.BUILTIN)),
                new Tool("analyze --reader pcap4j (in-process, warm)", () -> analyzeHere(CaptureFileReader.PCAP4J)),
                new Tool(TCPDUMP, () -> external("tcpdump", "-n", "-r", out.toString(), LiveFilter.expression())),
                new Tool("tshark -n -r FILE -Y '<same, display filter>'",
                        () -> external("tshark", "-n", "-r", out.toString(), "-Y", TSHARK_FILTER)));
        double[][] seconds = new double[tools.size()][runs];
        for (int round = 0; round < runs; round++) {
            for (int t = 0; t < tools.size(); t++) {
                seconds[t][round] = tools.get(t).timed().seconds();
            }
            StringBuilder line = new StringBuilder();
            for (double[] tool : seconds) {
                line.append(tool[round] < 0 ? " n/a" : String.format(" %.2f s", tool[round]));
            }
            w.printf("round %d/%d:%s%n", round + 1, runs, line);
            w.flush();
        }
        double tcpdump = -1;
        for (int t = 0; t < tools.size(); t++) {
            if (tools.get(t).name().equals(TCPDUMP)) {
                tcpdump = median(seconds[t]);
            }
        }
        for (int t = 0; t < tools.size(); t++) {
            if (median(seconds[t]) == NOT_INSTALLED) {
                w.printf("%s: not installed here, left out (the other tools ran)%n", tools.get(t).name().split(" ")[0]);
            }
        }
        w.printf("%n%-46s %9s %9s %13s %16s%n", "tool", "median s", "best s", "packets/s", "time vs tcpdump");
        for (int t = 0; t < tools.size(); t++) {
            w.printf("%-46s %s%n", tools.get(t).name(), cells(seconds[t], tcpdump));
        }
        w.println("(" + packets + " frames; median of " + runs + " interleaved rounds; packets/s from the median;"
                + " 'time vs tcpdump' > 1 means slower than tcpdump)");
        w.println("(bin/pmtu-probe: the command as a user runs it (run from the project's root; elsewhere a new JVM"
                + " with bin/pmtu-probe's JVM options " + launcherOptions() + "), JVM start-up and JIT warm-up included,"
                + " --json to"
                + " /dev/null; in-process, warm: reading, analysis and report in this JVM after a first untimed run,"
                + " no output: how this benchmark measured before)");
        w.flush();
        return 0;
    }

    private String cells(double[] runs, double tcpdump) {
        double median = median(runs);
        if (median < 0) {
            return String.format("%9s %9s %13s %16s", "n/a", "n/a", "n/a", "not installed");
        }
        double best = Arrays.stream(runs).min().orElseThrow();
        return String.format("%9.2f %9.2f %,13.0f %16s", median, best, packets / median,
                tcpdump < 0 ? "n/a" : String.format("%.2fx", median / tcpdump));
    }

    private static double median(double[] values) {
        if (values.length == 0 || values[0] < 0) {
            return NOT_INSTALLED;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** Reads the file once in this JVM: both readers must see every frame (and the JIT gets warm). */
    private void checkFrames(CaptureFileReader reader) throws Exception {
        CaptureFileAnalysis.Outcome outcome = CaptureFileAnalysis.read(out, reader, null, null);
        if (outcome.result().frames().total() != packets || outcome.partial()) {
            throw new IllegalStateException("analyze --reader " + reader + " read " + outcome.result().frames().total()
                    + " of " + packets + " frames" + (outcome.partial() ? ": " + outcome.damageReport(out) : ""));
        }
    }

    /** Reading, analysis and the report, in this JVM. */
    private double analyzeHere(CaptureFileReader reader) throws Exception {
        long start = System.nanoTime();
        CaptureFileAnalysis.Outcome outcome = CaptureFileAnalysis.read(out, reader, null, null);
        AnalysisReport report = new ReportBuilder("bench", Origin.REPLAY).build(out.toString(), outcome.result(),
                outcome.damage());
        double seconds = (System.nanoTime() - start) / 1e9;
        if (report.counts().frames() != packets) {
            throw new IllegalStateException("analyze read " + report.counts().frames() + " of " + packets);
        }
        return seconds;
    }

    /**
     * {@code analyze --json FILE} as a user runs it: through bin/pmtu-probe (its JDK 25 AOT cache or class-data
     * sharing archive, its JVM options) when run from the project's root, else in a new JVM with this one's
     * class path and bin/pmtu-probe's JVM options.
     */
    private double analyzeProcess(CaptureFileReader reader) throws Exception {
        Path launcher = Path.of("bin", "pmtu-probe");
        List<String> command = new java.util.ArrayList<>();
        if (Files.isExecutable(launcher)) {
            command.add(launcher.toString());
        } else {
            command.add(ProcessHandle.current().info().command().orElse("java"));
            command.addAll(launcherOptions());
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.pmtuwatch.probe.cli.ProbeMain"));
        }
        command.addAll(List.of("analyze", "--json", "--reader", reader.toString(), out.toString()));
        return run(command, 0, 1);
    }

    /** The JVM options bin/pmtu-probe starts the commands with: PMTU_JAVA_OPTS when set, else the serial collector. */
    static List<String> launcherOptions() {
        String options = System.getenv("PMTU_JAVA_OPTS");
        if (options == null) {
            return List.of(LAUNCHER_DEFAULT_OPTIONS);
        }
        return options.isBlank() ? List.of() : List.of(options.trim().split("\\s+"));
    }

    private static double external(String... command) throws Exception {
        return run(List.of(command), 0);
    }

    /** Runs a command with its output discarded; its exit status must be one of {@code ok}. */
    private static double run(List<String> command, int... ok) throws Exception {
        long start = System.nanoTime();
        Process p;
        try {
            p = new ProcessBuilder(command).redirectOutput(new File("/dev/null")).redirectError(new File("/dev/null"))
                    .start();
        } catch (java.io.IOException notInstalled) {
            return NOT_INSTALLED;
        }
        if (!p.waitFor(30, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException(command.get(0) + " did not finish in 30 minutes");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int status = p.exitValue();
        if (Arrays.stream(ok).noneMatch(s -> s == status)) {
            throw new IllegalStateException(String.join(" ", command) + " failed with " + status);
        }
        return seconds;
    }
}
