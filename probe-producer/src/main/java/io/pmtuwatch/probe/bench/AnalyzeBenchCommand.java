package io.pmtuwatch.probe.bench;

import io.pmtuwatch.probe.capture.AnalysisReport;
import io.pmtuwatch.probe.capture.CaptureFileAnalysis;
import io.pmtuwatch.probe.capture.LiveFilter;
import io.pmtuwatch.probe.capture.ReportBuilder;
import io.pmtuwatch.schemas.Origin;
import java.io.File;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code bench-analyze}: packets per second of {@code analyze} on a large capture, against
 * {@code tcpdump -r} with the sensor's BPF filter and {@code tshark -r} with the equivalent display
 * filter, on the same file in the same run. Prints a table; not a test (machines are shared and noisy,
 * so the ratios are what matters).
 */
@Command(name = "bench-analyze", mixinStandardHelpOptions = true,
        description = "Benchmark analyze against tcpdump and tshark on a capture of millions of packets.")
public final class AnalyzeBenchCommand implements Callable<Integer> {

    static final String TSHARK_FILTER = "tcp.flags.syn == 1 or icmp.type == 3 or icmp.type == 11"
            + " or icmpv6.type == 1 or icmpv6.type == 2 or icmpv6.type == 3";

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

    @Option(names = "--runs", paramLabel = "N", defaultValue = "3", description = "Runs per tool; the best counts.")
    int runs;

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
        AnalyzeBenchCapture.build(seeds, out, packets);
        w.printf("built %s: %d frames, %d MB in %.1f s%n", out, packets, Files.size(out) >> 20,
                (System.nanoTime() - t0) / 1e9);
        w.flush();
        List<String[]> rows = new ArrayList<>();
        double ours = best(this::analyze);
        rows.add(row("pmtu-probe analyze (full decode, report)", ours, ours));
        double tcpdump = best(() -> external("tcpdump", "-n", "-r", out.toString(), LiveFilter.expression()));
        rows.add(row("tcpdump -n -r FILE '<sensor BPF>'", tcpdump, ours));
        double tshark = best(() -> external("tshark", "-n", "-r", out.toString(), "-Y", TSHARK_FILTER));
        rows.add(row("tshark -n -r FILE -Y '<same, display filter>'", tshark, ours));
        w.printf("%n%-48s %10s %14s %22s%n", "tool", "seconds", "packets/s", "time vs analyze");
        for (String[] r : rows) {
            w.printf("%-48s %10s %14s %22s%n", (Object[]) r);
        }
        w.println("(best of " + runs + " runs each; 'time vs analyze' > 1 means slower than analyze)");
        w.flush();
        return 0;
    }

    private String[] row(String tool, double seconds, double ours) {
        if (seconds < 0) {
            return new String[] {tool, "n/a", "n/a", "not installed"};
        }
        return new String[] {tool, String.format("%.2f", seconds), String.format("%,.0f", packets / seconds),
                String.format("%.2fx", seconds / ours)};
    }

    private interface Timed {
        double seconds() throws Exception;
    }

    private double best(Timed timed) throws Exception {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < runs; i++) {
            double s = timed.seconds();
            if (s < 0) {
                return -1;
            }
            best = Math.min(best, s);
        }
        return best;
    }

    private double analyze() throws Exception {
        long start = System.nanoTime();
        CaptureFileAnalysis.Outcome outcome = CaptureFileAnalysis.read(out, null, null);
        AnalysisReport report = new ReportBuilder("bench", Origin.REPLAY).build(out.toString(), outcome.result(), null);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (report.counts().frames() != packets) {
            throw new IllegalStateException("analyze read " + report.counts().frames() + " of " + packets);
        }
        return seconds;
    }

    private static double external(String... command) throws Exception {
        long start = System.nanoTime();
        Process p;
        try {
            p = new ProcessBuilder(command).redirectOutput(new File("/dev/null")).redirectError(new File("/dev/null"))
                    .start();
        } catch (java.io.IOException notInstalled) {
            return -1;
        }
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException(command[0] + " failed with " + p.exitValue());
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
