package io.pmtuwatch.bench.stream;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What the latency phase saw, on one clock (milliseconds since the window's first send): each run's
 * send time and observation-to-diagnosis latency, the JVM's collector pauses and the producer's retries.
 * Pure: it only summarises, so one bad run can be told apart as one stall, a spread, a pause or a retry.
 */
final class LatencyWindow {

    /** A run sent {@code sentAt} ms into the window whose diagnosis was seen {@code latency} ms later. */
    record Sample(long sentAt, long latency) {
    }

    /** Something outside the topology's code that stops or delays it, {@code at} ms into the window. */
    record Event(long at, long millis, String what) {
    }

    /** Runs delayed together: sent within {@link #STALL_GAP_MS} of each other, all over the window's p99. */
    record Stall(long from, long to, int runs, long worst) {
    }

    /** Slow runs sent less than this apart belong to one stall. */
    static final long STALL_GAP_MS = 1_000;

    private final List<Sample> samples;
    private final List<Event> pauses;
    private final List<Event> retries;

    LatencyWindow(List<Sample> samples, List<Event> pauses, List<Event> retries) {
        this.samples = List.copyOf(samples);
        this.pauses = List.copyOf(pauses);
        this.retries = List.copyOf(retries);
    }

    int size() {
        return samples.size();
    }

    /** The smallest latency at or above which a fraction {@code 1 - p} of the runs lie (nearest rank). */
    long percentile(double p) {
        return percentile(samples, p);
    }

    long max() {
        return samples.stream().mapToLong(Sample::latency).max().orElse(0);
    }

    /** p99 of each slice of {@code sliceMs} by send time (a slice with fewer than 100 runs still gives its top 1%). */
    List<Long> p99BySlice(long sliceMs) {
        long end = samples.stream().mapToLong(Sample::sentAt).max().orElse(0);
        List<Long> out = new ArrayList<>();
        for (long from = 0; from <= end; from += sliceMs) {
            long f = from;
            List<Sample> slice = samples.stream().filter(s -> s.sentAt() >= f && s.sentAt() < f + sliceMs).toList();
            if (!slice.isEmpty()) {
                out.add(percentile(slice, 0.99));
            }
        }
        return out;
    }

    /** The runs at or over the window's p99, grouped by send time: one group = one stall. */
    List<Stall> stalls() {
        long p99 = percentile(0.99);
        List<Sample> slow = samples.stream().filter(s -> s.latency() >= p99).sorted(Comparator.comparingLong(Sample::sentAt)).toList();
        List<Stall> out = new ArrayList<>();
        long from = -1;
        long to = -1;
        int runs = 0;
        long worst = 0;
        for (Sample s : slow) {
            if (runs > 0 && s.sentAt() - to > STALL_GAP_MS) {
                out.add(new Stall(from, to, runs, worst));
                runs = 0;
                worst = 0;
            }
            if (runs == 0) {
                from = s.sentAt();
            }
            to = s.sentAt();
            runs++;
            worst = Math.max(worst, s.latency());
        }
        if (runs > 0) {
            out.add(new Stall(from, to, runs, worst));
        }
        return out;
    }

    List<Event> pauses() {
        return pauses;
    }

    List<Event> retries() {
        return retries;
    }

    /** Pauses and retries from a second before a stall's first run to its last run's latency: what may explain it. */
    List<Event> near(Stall stall) {
        List<Event> out = new ArrayList<>();
        for (List<Event> events : List.of(pauses, retries)) {
            for (Event e : events) {
                if (e.at() + e.millis() >= stall.from() - STALL_GAP_MS && e.at() <= stall.to() + stall.worst()) {
                    out.add(e);
                }
            }
        }
        out.sort(Comparator.comparingLong(Event::at));
        return out;
    }

    private static long percentile(List<Sample> samples, double p) {
        if (samples.isEmpty()) {
            return 0;
        }
        long[] sorted = samples.stream().mapToLong(Sample::latency).sorted().toArray();
        return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1))];
    }
}
