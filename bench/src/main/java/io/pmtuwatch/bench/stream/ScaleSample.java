package io.pmtuwatch.bench.stream;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** One sample of a scale run (lag, latency of the diagnoses seen since the last sample, RSS, disk) and the summary. */
record ScaleSample(double elapsedSeconds, double runsPerSecond, long lag, List<Long> latencies, List<Long> rss,
                   List<Long> stateBytes) {

    static final String HEADER = String.format("%7s %9s %9s %8s %8s %8s   %s", "t (s)", "runs/s", "lag", "diag.", "p50 ms",
            "p99 ms", "RSS MB / state MB per instance");

    String line() {
        StringBuilder instances = new StringBuilder();
        for (int i = 0; i < rss.size(); i++) {
            instances.append(String.format("  %4d / %4d", rss.get(i) >> 20, stateBytes.get(i) >> 20));
        }
        return String.format("%7.0f %9.0f %9d %8d %8s %8s %s", elapsedSeconds, runsPerSecond, lag, latencies.size(),
                percentile(latencies, 0.50), percentile(latencies, 0.99), instances);
    }

    static String percentile(List<Long> sorted, double p) {
        return sorted.isEmpty() ? "-" : Long.toString(sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1)));
    }

    /** Median lag of the samples between {@code fromSeconds} and {@code toSeconds}. */
    static long medianLag(List<ScaleSample> samples, double fromSeconds, double toSeconds) {
        List<Long> lags = new ArrayList<>();
        for (ScaleSample s : samples) {
            if (s.elapsedSeconds() >= fromSeconds && s.elapsedSeconds() <= toSeconds) {
                lags.add(s.lag());
            }
        }
        if (lags.isEmpty()) {
            return samples.isEmpty() ? 0 : samples.get(samples.size() - 1).lag();
        }
        Collections.sort(lags);
        return lags.get(lags.size() / 2);
    }

    /** Like the run's NOT STEADY line: after the warm-up the lag stayed within twice its warm-up level (or 2 s of runs). */
    static boolean keptUp(List<ScaleSample> samples, double warmupSeconds, long maxLagAfterWarmup) {
        double rate = samples.isEmpty() ? 0 : samples.get(0).runsPerSecond();
        return maxLagAfterWarmup <= 2 * Math.max(medianLag(samples, 0, warmupSeconds), (long) rate);
    }

    /** A kill time at or after the end of the run (the default 5 min on a shorter run) means no kill. */
    static boolean killsBeforeTheEnd(ScaleRun.Options options) {
        return !options.killAfter().isZero() && options.killAfter().compareTo(options.duration()) < 0;
    }

    static void summary(PrintStream out, List<ScaleSample> samples, ScaleRun.Options options, int paths, Long recoveredAfterMs) {
        double from = options.warmup().toSeconds();
        boolean kills = killsBeforeTheEnd(options);
        double to = kills ? options.killAfter().toSeconds() : Double.MAX_VALUE;
        List<Long> steady = new ArrayList<>();
        long maxLag = 0;
        long maxRss = 0;
        long lastDisk = 0;
        for (ScaleSample s : samples) {
            if (s.elapsedSeconds() >= from && s.elapsedSeconds() <= to) {
                steady.addAll(s.latencies());
                maxLag = Math.max(maxLag, s.lag());
            }
            maxRss = Math.max(maxRss, s.rss().stream().mapToLong(Long::longValue).sum());
            lastDisk = s.stateBytes().stream().mapToLong(Long::longValue).sum();
        }
        Collections.sort(steady);
        double tenK = paths / 10_000.0;
        out.println();
        out.printf("%s (%.0f s to %s): %d diagnoses, latency p50 %s ms, p99 %s ms; lag median %d, max %d records%n",
                keptUp(samples, from, maxLag) ? "steady state" : "NOT STEADY, the lag kept growing",
                from, to == Double.MAX_VALUE ? "end" : String.format("%.0f s", to), steady.size(), percentile(steady, 0.5),
                percentile(steady, 0.99), medianLag(samples, from, to), maxLag);
        out.printf("memory: RSS of all instances at most %d MB (%.0f MB per 10k paths); state stores on disk at the end %d MB (%.1f MB per 10k paths)%n",
                maxRss >> 20, (maxRss >> 20) / tenK, lastDisk >> 20, (lastDisk >> 20) / tenK);
        out.println(recoveredAfterMs == null ? (!kills ? "no kill -9 (none requested before the end of the run)"
                : "recovery after kill -9: the lag did not return to its steady level before the end")
                : String.format("recovery after kill -9: %.1f s until the lag was back to its steady level", recoveredAfterMs / 1000.0));
    }
}
