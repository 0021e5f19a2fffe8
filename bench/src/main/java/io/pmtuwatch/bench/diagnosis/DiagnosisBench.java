package io.pmtuwatch.bench.diagnosis;

import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.serde.AvroSerdes;
import org.apache.kafka.common.serialization.Serializer;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Runs the diagnosis bench: first the same diagnoses from both builds (the bytes the topology writes to
 * the diagnoses topic, or the same refusal), then the CPU time per run of each build, set by set, in
 * rounds that alternate which build goes first, reported as medians with their ratio. Thread CPU time,
 * not wall time: on a shared machine it moves much less with the neighbours' load.
 */
public final class DiagnosisBench {

    private static final int SHOWN_DIFFERENCES = 5;

    private final DiagnosisCorpus corpus;
    private final DiagnosisBuild candidate;
    private final DiagnosisBuild baseline;
    private final PrintStream out;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private long sink;

    /** @param baseline null: time this build alone */
    public DiagnosisBench(DiagnosisCorpus corpus, DiagnosisBuild candidate, DiagnosisBuild baseline,
                          PrintStream out) {
        this.corpus = corpus;
        this.candidate = candidate;
        this.baseline = baseline;
        this.out = out;
    }

    /** @return false when the builds disagreed on any input */
    public boolean run(int warmup, int rounds, int passes) throws ReflectiveOperationException {
        out.printf("diagnosis bench: %d runs in %d sets; load average %s%n", corpus.size(), corpus.sets().size(),
                loadAverage());
        out.printf("this build: %s%n", candidate.location());
        if (baseline != null) {
            out.printf("baseline:   %s%n", baseline.location());
        }
        boolean same = true;
        if (baseline != null) {
            same = compare();
        }
        List<DiagnosisBuild> builds = baseline == null ? List.of(candidate) : List.of(baseline, candidate);
        int sets = corpus.sets().size();
        double[][][] micros = new double[builds.size()][sets][rounds];
        for (int round = -warmup; round < rounds; round++) {
            for (int turn = 0; turn < builds.size(); turn++) {
                // Alternate which build goes first, so neither always runs on the other's warmed caches.
                int b = Math.floorMod(turn + round, builds.size());
                for (int s = 0; s < sets; s++) {
                    double perRun = cpuMicrosPerRun(builds.get(b), corpus.sets().get(s).cases(), passes);
                    if (round >= 0) {
                        micros[b][s][round] = perRun;
                    }
                }
            }
        }
        report(builds, micros);
        out.printf("load average after: %s (sink %d)%n", loadAverage(), sink);
        return same;
    }

    /** Whether both builds give byte-identical diagnoses (or the same refusal) for every case. */
    public boolean compare() throws ReflectiveOperationException {
        Serializer<PathDiagnosis> serializer = AvroSerdes.serializer(PathDiagnosis.class);
        int identical = 0;
        int refused = 0;
        List<String> differences = new ArrayList<>();
        for (DiagnosisCorpus.Set set : corpus.sets()) {
            for (DiagnosisCase c : set.cases()) {
                Outcome expected = outcome(baseline, c, serializer);
                Outcome actual = outcome(candidate, c, serializer);
                if (expected.equals(actual)) {
                    identical++;
                    refused += expected.refusal == null ? 0 : 1;
                } else {
                    differences.add(c.name() + ": baseline " + expected.summary + " / this build " + actual.summary);
                }
            }
        }
        out.printf("outputs: %d of %d runs byte-identical to the baseline (%d of them refused or failed alike),"
                + " %d differ%n", identical, corpus.size(), refused, differences.size());
        differences.stream().limit(SHOWN_DIFFERENCES).forEach(d -> out.println("  DIFFERS " + d));
        return differences.isEmpty();
    }

    private static Outcome outcome(DiagnosisBuild build, DiagnosisCase c, Serializer<PathDiagnosis> serializer)
            throws ReflectiveOperationException {
        try {
            PathDiagnosis d = build.diagnose(c);
            return new Outcome(serializer.serialize("diagnoses", d), null,
                    d.getStatus() + " " + d.getFindings().stream().map(f -> f.getCode().toString()).toList());
        } catch (RuntimeException e) {
            // A refusal (IllegalArgumentException) is an outcome to compare; so is any other failure, in either
            // build or in encoding its diagnosis, rather than an end to the comparison.
            String refusal = e.getClass().getName() + ": " + e.getMessage();
            return new Outcome(null, refusal,
                    (e instanceof IllegalArgumentException ? "refused (" : "failed (") + refusal + ")");
        }
    }

    private double cpuMicrosPerRun(DiagnosisBuild build, List<DiagnosisCase> cases, int passes)
            throws ReflectiveOperationException {
        long start = threads.getCurrentThreadCpuTime();
        for (int p = 0; p < passes; p++) {
            for (DiagnosisCase c : cases) {
                try {
                    sink += build.diagnose(c).getFindings().size();
                } catch (RuntimeException e) {
                    sink++;
                }
            }
        }
        return (threads.getCurrentThreadCpuTime() - start) / 1000.0 / passes / cases.size();
    }

    private void report(List<DiagnosisBuild> builds, double[][][] micros) {
        StringBuilder header = new StringBuilder(String.format("%-26s %6s", "set", "runs"));
        for (DiagnosisBuild build : builds) {
            header.append(String.format(" %22s", build.label() + " µs/run"));
        }
        if (builds.size() == 2) {
            header.append(String.format(" %24s", "ratio (this / baseline)"));
        }
        out.println(header);
        for (int s = 0; s < corpus.sets().size(); s++) {
            DiagnosisCorpus.Set set = corpus.sets().get(s);
            StringBuilder row = new StringBuilder(String.format("%-26s %6d", set.name(), set.cases().size()));
            double[] medians = new double[builds.size()];
            for (int b = 0; b < builds.size(); b++) {
                medians[b] = median(micros[b][s]);
                row.append(String.format(" %12.2f (%.1f-%.1f)", medians[b], min(micros[b][s]), max(micros[b][s])));
            }
            if (builds.size() == 2) {
                row.append(String.format(" %24.2f", medians[1] / medians[0]));
            }
            out.println(row);
        }
        out.println("(CPU µs per run: median of the rounds, range in brackets)");
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private record Outcome(byte[] bytes, String refusal, String summary) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Outcome other && Arrays.equals(bytes, other.bytes)
                    && Objects.equals(refusal, other.refusal);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes) * 31 + Objects.hashCode(refusal);
        }
    }
}
