package io.pmtuwatch.stream.query;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * This instance's paths, sorted in list order and kept in memory for a short while, so that pages,
 * filters and counts over 100,000 paths cost a pass over plain objects rather than a read and an Avro
 * decode of every stored diagnosis per request. Any number of open views share one read of the
 * state store per {@code maxAge}; a page is at most that much older than the store. Where a rebuild
 * takes longer than a tenth of that (about 0.45 s of CPU at 100,000 paths, see README "Query API"),
 * the index waits ten times the last rebuild's duration instead, so that an open view costs at most
 * about a tenth of a core however large the fleet, at the price of older pages.
 */
public final class PathIndex {

    /** A rebuild may take this share of the time at most: the next waits this many times as long. */
    static final int REBUILD_SHARE = 10;

    private final Supplier<Collection<PathSummary>> source;
    private final long maxAgeNanos;
    private final LongSupplier nanoTime;
    private Snapshot snapshot;
    private long validNanos;

    public PathIndex(Supplier<Collection<PathSummary>> source, Duration maxAge, LongSupplier nanoTime) {
        this.source = source;
        this.maxAgeNanos = maxAge.toNanos();
        this.nanoTime = nanoTime;
    }

    /** One page of this instance's paths; {@code after} is the key of the filter's cursor (empty: from the start). */
    public PathPage page(PathFilter filter, List<String> after, int limit) {
        return snapshot().page(filter, after, limit);
    }

    private synchronized Snapshot snapshot() {
        long now = nanoTime.getAsLong();
        if (snapshot == null || now - snapshot.takenAt >= validNanos) {
            snapshot = new Snapshot(source.get(), now);
            validNanos = Math.max(maxAgeNanos, REBUILD_SHARE * (nanoTime.getAsLong() - now));
        }
        return snapshot;
    }

    /** The sorted paths at one moment, with their search text and the counts every page carries. */
    private static final class Snapshot {
        final long takenAt;
        final PathSummary[] paths;
        final String[] searchText;
        final Map<String, Long> totals = new LinkedHashMap<>();
        final List<Facet> agents;
        final List<Facet> targets;
        final List<Facet> findings;

        Snapshot(Collection<PathSummary> source, long takenAt) {
            this.takenAt = takenAt;
            this.paths = source.toArray(new PathSummary[0]);
            java.util.Arrays.sort(paths, PathSummary.ORDER);
            this.searchText = new String[paths.length];
            Map<String, long[]> agentCounts = new HashMap<>();
            Map<String, String> agentNames = new HashMap<>();
            Map<String, long[]> targetCounts = new HashMap<>();
            Map<String, long[]> findingCounts = new HashMap<>();
            for (int i = 0; i < paths.length; i++) {
                PathSummary path = paths[i];
                searchText[i] = path.searchText();
                totals.merge(path.status(), 1L, Long::sum);
                agentCounts.computeIfAbsent(path.agent(), k -> new long[1])[0]++;
                agentNames.putIfAbsent(path.agent(), path.agentName());
                targetCounts.computeIfAbsent(path.target(), k -> new long[1])[0]++;
                for (String code : path.findings()) {
                    findingCounts.computeIfAbsent(code, k -> new long[1])[0]++;
                }
            }
            this.agents = facets(agentCounts, agentNames, PathPage.FACETS);
            this.targets = facets(targetCounts, Map.of(), PathPage.FACETS);
            this.findings = facets(findingCounts, Map.of(), Integer.MAX_VALUE);
        }

        PathPage page(PathFilter filter, List<String> after, int limit) {
            int start = after.isEmpty() ? 0 : firstAfter(after);
            List<PathSummary> items = new ArrayList<>(Math.min(limit, paths.length));
            long matched = 0;
            boolean more = false;
            for (int i = 0; i < paths.length; i++) {
                if (!filter.matches(paths[i], searchText[i])) {
                    continue;
                }
                matched++;
                if (i >= start) {
                    if (items.size() < limit) {
                        items.add(paths[i]);
                    } else {
                        more = true;
                    }
                }
            }
            String next = more ? filter.cursor().encode(items.get(items.size() - 1).key()) : null;
            return new PathPage(items, matched, totals, agents, targets, findings, next);
        }

        /** Index of the first path that sorts after the key (binary search: the array is in list order). */
        private int firstAfter(List<String> key) {
            int low = 0;
            int high = paths.length;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (paths[mid].compareToKey(key) <= 0) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            return low;
        }

        private static List<Facet> facets(Map<String, long[]> counts, Map<String, String> labels, int max) {
            List<Facet> all = new ArrayList<>(counts.size());
            counts.forEach((value, n) -> all.add(new Facet(value, labels.getOrDefault(value, ""), n[0])));
            all.sort(Facet.ORDER);
            return List.copyOf(all.subList(0, Math.min(max, all.size())));
        }
    }
}
