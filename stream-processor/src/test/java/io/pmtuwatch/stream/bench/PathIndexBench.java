package io.pmtuwatch.stream.bench;

import io.pmtuwatch.schemas.Agent;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.Target;
import io.pmtuwatch.schemas.Transport;
import io.pmtuwatch.stream.DiagnosisRules;
import io.pmtuwatch.stream.ObservationFixtures;
import io.pmtuwatch.stream.query.LocalViews;
import io.pmtuwatch.stream.query.PathFilter;
import io.pmtuwatch.stream.query.PathIndex;
import io.pmtuwatch.stream.query.QueryParams;
import io.pmtuwatch.stream.query.StoredEntries;
import io.pmtuwatch.stream.topology.StandardTopologyDriver;
import io.pmtuwatch.stream.topology.internals.PathTracker;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.KeyValueStore;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the rebuilds of {@link PathIndex} cost at a fleet's size: while any view is open the index
 * re-reads the path-diagnoses store once per 2 s and decodes the values that changed. The store is the
 * topology's own (in a TopologyTestDriver: the same store and serde as in a running instance), filled
 * with real diagnoses of {@code paths} runs. Measured per round: the first build (every value decoded,
 * everything sorted: what each rebuild cost before it was incremental), a rebuild with nothing changed,
 * and one after a share of the paths (third argument, percent, default 1) got a new diagnosis, most with
 * another MTU. The
 * baseline, in the same run, is a page served from the built index, which is what a request costs
 * between rebuilds. CPU is this thread's; medians of {@code reps} after as many warm-up rounds. Run (as
 * FailoverBench's javadoc says, then in stream-processor):
 * {@code java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)"
 * io.pmtuwatch.stream.bench.PathIndexBench 100000 9 1}.
 */
public final class PathIndexBench {

    private static final Duration MAX_AGE = Duration.ofSeconds(2);

    private PathIndexBench() {
    }

    public static void main(String[] args) throws Exception {
        int paths = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 9;
        double changedPercent = args.length > 2 ? Double.parseDouble(args[2]) : 1;
        Path stateDir = Files.createTempDirectory("path-index-bench");
        try (TopologyTestDriver driver = StandardTopologyDriver.open(stateDir)) {
            KeyValueStore<String, PathDiagnosis> store = driver.getKeyValueStore(PathTracker.PATH_DIAGNOSES_STORE);
            StateStore stored = driver.getKeyValueStore(PathTracker.PATH_DIAGNOSES_STORE);
            List<PathDiagnosis[]> changing = fill(store, paths, (int) Math.round(100 / changedPercent));
            long valueBytes = 0;
            for (KeyValue<Bytes, byte[]> entry : StoredEntries.all(stored)) {
                valueBytes += entry.value.length;
            }
            System.out.printf("%d paths in the store (%.1f MB of values), %d of them change between two rebuilds%n",
                    store.approximateNumEntries(), valueBytes / 1e6, changing.size());
            double[] first = new double[reps];
            double[] firstBytes = new double[reps];
            double[] unchanged = new double[reps];
            double[] unchangedBytes = new double[reps];
            double[] onePercent = new double[reps];
            double[] onePercentBytes = new double[reps];
            double[] page = new double[reps];
            double[] filtered = new double[reps];
            PathFilter someText = PathFilter.from(QueryParams.parse("q=agent-7&status=WARNING"));
            AtomicLong now = new AtomicLong();
            for (int round = -reps; round < reps; round++) { // the first reps rounds warm the JIT up
                PathIndex index = new PathIndex(() -> StoredEntries.all(stored), LocalViews::pathSummary, MAX_AGE, now::get);
                long[] built = measure(() -> index.page(PathFilter.NONE, List.of(), 100));
                now.addAndGet(MAX_AGE.toNanos());
                long[] same = measure(() -> index.page(PathFilter.NONE, List.of(), 100));
                int variant = Math.floorMod(round, 2) == 0 ? 1 : 0;
                changing.forEach(pair -> store.put(pair[variant].getPathId(), pair[variant]));
                now.addAndGet(MAX_AGE.toNanos());
                long[] changed = measure(() -> index.page(PathFilter.NONE, List.of(), 100));
                long[] unfiltered = measure(() -> index.page(PathFilter.NONE, List.of(), 100));
                long[] text = measure(() -> index.page(someText, List.of(), 100));
                if (round >= 0) {
                    first[round] = built[0] / 1e6;
                    firstBytes[round] = built[1] / 1e6;
                    unchanged[round] = same[0] / 1e6;
                    unchangedBytes[round] = same[1] / 1e6;
                    onePercent[round] = changed[0] / 1e6;
                    onePercentBytes[round] = changed[1] / 1e6;
                    page[round] = unfiltered[0] / 1e6;
                    filtered[round] = text[0] / 1e6;
                }
            }
            System.out.printf("CPU ms (allocated MB), medians of %d:%n", reps);
            System.out.printf("  first build, every value decoded: %.1f (%.0f MB)%n", median(first), median(firstBytes));
            System.out.printf("  rebuild, nothing changed:         %.2f (%.1f MB)%n", median(unchanged), median(unchangedBytes));
            System.out.printf("  rebuild, %s%% of paths changed:     %.2f (%.1f MB)%n", changedPercent, median(onePercent),
                    median(onePercentBytes));
            System.out.printf("baseline, a page from the built index: %.2f ms (unfiltered), %.2f ms (q + status)%n",
                    median(page), median(filtered));
            System.out.printf("rebuild / unfiltered page: first %.0fx, nothing changed %.1fx, %s%% changed %.1fx%n",
                    median(first) / median(page), median(unchanged) / median(page), changedPercent,
                    median(onePercent) / median(page));
            System.out.printf("one rebuild per 2 s while a view is open, %s%% changed each time: %.2f%% of one core%n",
                    changedPercent, median(onePercent) / 2000 * 100);
        }
    }

    /** This thread's CPU nanoseconds and allocated bytes while running {@code work}. */
    private static long[] measure(Runnable work) {
        long bytes0 = allocatedBytes();
        long t0 = cpuNanos();
        work.run();
        long t1 = cpuNanos();
        return new long[] {t1 - t0, allocatedBytes() - bytes0};
    }

    /**
     * Real diagnoses: agents x targets UDP runs, the link MTU varying by target so findings vary. Returns,
     * for every {@code every}th path, its diagnosis and one of a later run, mostly with another MTU.
     */
    private static List<PathDiagnosis[]> fill(KeyValueStore<String, PathDiagnosis> store, int paths, int every) {
        int targets = 500;
        int agents = Math.max(1, paths / targets);
        Instant at = Instant.parse("2026-12-07T10:00:00Z");
        int[] mtus = {1500, 1400, 1450, 1476, 1280};
        List<PathDiagnosis[]> changing = new ArrayList<>();
        for (int a = 0; a < agents; a++) {
            Agent agent = ObservationFixtures.agent("agent-" + a);
            for (int t = 0; t < targets && a * targets + t < paths; t++) {
                Target target = ObservationFixtures.target("10.80." + t / 200 + "." + t % 200, Transport.UDP, 33434);
                PathDiagnosis diagnosis = diagnose(agent, target, "r-" + a + "-" + t, at, mtus[t % mtus.length]);
                store.put(diagnosis.getPathId(), diagnosis);
                if ((a * targets + t) % every == 0) {
                    changing.add(new PathDiagnosis[] {diagnosis, diagnose(agent, target, "r2-" + a + "-" + t,
                            at.plusSeconds(60), mtus[(t + a + 1) % mtus.length])});
                }
            }
        }
        return changing;
    }

    private static PathDiagnosis diagnose(Agent agent, Target target, String runId, Instant at, int mtu) {
        return DiagnosisRules.standard().diagnose(ObservationFixtures.run(agent, target, runId, at, mtu), Optional.empty(),
                true, null);
    }

    private static long cpuNanos() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
