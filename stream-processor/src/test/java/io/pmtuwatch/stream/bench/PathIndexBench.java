package io.pmtuwatch.stream.bench;

import io.pmtuwatch.schemas.Agent;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.Target;
import io.pmtuwatch.schemas.Transport;
import io.pmtuwatch.stream.DiagnosisRules;
import io.pmtuwatch.stream.ObservationFixtures;
import io.pmtuwatch.stream.config.ProcessorConfig;
import io.pmtuwatch.stream.config.RawConfig;
import io.pmtuwatch.stream.config.Settings;
import io.pmtuwatch.stream.metrics.PipelineMetrics;
import io.pmtuwatch.stream.query.LocalViews;
import io.pmtuwatch.stream.query.PathFilter;
import io.pmtuwatch.stream.query.PathIndex;
import io.pmtuwatch.stream.query.PathSummary;
import io.pmtuwatch.stream.query.QueryParams;
import io.pmtuwatch.stream.topology.DiagnosisTopology;
import io.pmtuwatch.stream.topology.StreamsSettings;
import io.pmtuwatch.stream.topology.internals.PathTracker;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What one rebuild of {@link PathIndex} costs at a fleet's size: the index re-reads the path-diagnoses
 * store and decodes every diagnosis once per 2 s while any view is open. The store is the topology's
 * own (in a TopologyTestDriver: the same store and serde as in a running instance), filled with real
 * diagnoses of {@code paths} runs; the baseline, measured in the same run, is a page served from the
 * built index, which is what a request costs between rebuilds. CPU is this thread's; medians of
 * {@code reps} after as many warm-up rounds. Run (as FailoverBench's javadoc says, then in stream-processor):
 * {@code java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)"
 * io.pmtuwatch.stream.bench.PathIndexBench 100000 9}.
 */
public final class PathIndexBench {

    private PathIndexBench() {
    }

    public static void main(String[] args) throws Exception {
        int paths = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 9;
        Path stateDir = Files.createTempDirectory("path-index-bench");
        ProcessorConfig config = ProcessorConfig.from(RawConfig.empty()
                .with(Settings.BOOTSTRAP_SERVERS, "127.0.0.1:1")
                .with(Settings.STATE_DIR, stateDir.toString()));
        PipelineMetrics metrics = new PipelineMetrics();
        try (TopologyTestDriver driver = new TopologyTestDriver(
                DiagnosisTopology.build(config.topology(), DiagnosisRules.standard(), metrics),
                StreamsSettings.of(config, metrics, Optional.empty()))) {
            KeyValueStore<String, PathDiagnosis> store = driver.getKeyValueStore(PathTracker.PATH_DIAGNOSES_STORE);
            fill(store, paths);
            System.out.printf("%d paths in the store%n", store.approximateNumEntries());
            double[] read = new double[reps];
            double[] index = new double[reps];
            double[] page = new double[reps];
            double[] filtered = new double[reps];
            double[] allocated = new double[reps];
            PathFilter someText = PathFilter.from(QueryParams.parse("q=agent-7&status=WARNING"));
            for (int round = -reps; round < reps; round++) { // the first reps rounds warm the JIT up
                long bytes0 = allocatedBytes();
                long t0 = cpuNanos();
                List<PathSummary> summaries = LocalViews.pathSummaries(store);
                long t1 = cpuNanos();
                PathIndex built = new PathIndex(() -> summaries, Duration.ofDays(1), System::nanoTime);
                built.page(PathFilter.NONE, List.of(), 100); // builds the snapshot
                long t2 = cpuNanos();
                long bytes1 = allocatedBytes();
                built.page(PathFilter.NONE, List.of(), 100);
                long t3 = cpuNanos();
                built.page(someText, List.of(), 100);
                long t4 = cpuNanos();
                if (round >= 0) {
                    read[round] = (t1 - t0) / 1e6;
                    index[round] = (t2 - t1) / 1e6;
                    page[round] = (t3 - t2) / 1e6;
                    filtered[round] = (t4 - t3) / 1e6;
                    allocated[round] = (bytes1 - bytes0) / 1e6;
                }
            }
            double rebuild = median(sum(read, index));
            System.out.printf("rebuild (CPU ms, median of %d): %.1f = read+decode+summarise %.1f + sort+counts %.1f;"
                            + " allocated %.0f MB%n", reps, rebuild, median(read), median(index), median(allocated));
            System.out.printf("baseline, a page from the built index: %.2f ms (unfiltered), %.2f ms (q + status);"
                            + " rebuild / unfiltered page = %.0fx%n", median(page), median(filtered), rebuild / median(page));
            System.out.printf("one rebuild per 2 s while a view is open: %.1f%% of one core%n", rebuild / 2000 * 100);
        }
    }

    /** Real diagnoses: agents x targets UDP runs, the link MTU varying by target so statuses and findings vary. */
    private static void fill(KeyValueStore<String, PathDiagnosis> store, int paths) {
        int targets = 500;
        int agents = Math.max(1, paths / targets);
        Instant at = Instant.parse("2026-12-07T10:00:00Z");
        int[] mtus = {1500, 1400, 1450, 1476, 1280};
        for (int a = 0; a < agents; a++) {
            Agent agent = ObservationFixtures.agent("agent-" + a);
            for (int t = 0; t < targets && a * targets + t < paths; t++) {
                Target target = ObservationFixtures.target("10.80." + t / 200 + "." + t % 200, Transport.UDP, 33434);
                PathDiagnosis diagnosis = DiagnosisRules.standard().diagnose(ObservationFixtures.run(agent, target,
                        "r-" + a + "-" + t, at, mtus[t % mtus.length]), Optional.empty(), true, null);
                store.put(diagnosis.getPathId(), diagnosis);
            }
        }
    }

    private static long cpuNanos() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private static double[] sum(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] + b[i];
        }
        return out;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
