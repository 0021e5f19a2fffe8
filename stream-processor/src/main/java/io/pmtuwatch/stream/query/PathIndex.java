package io.pmtuwatch.stream.query;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * This instance's paths, sorted in list order and kept in memory for a short while, so that pages,
 * filters and counts over 100,000 paths cost a pass over plain objects rather than a read and an Avro
 * decode of every stored diagnosis per request. Any number of open views share one read of the
 * state store per {@code maxAge}; a page is at most that much older than the store.
 *
 * <p>A rebuild reads the store's bytes and decodes only the values whose bytes differ from those it
 * last decoded for that key (compared in full: equal bytes are an equal diagnosis, and a value the
 * store replaced is a new array, so an unchanged one is usually the very same array). Paths that are
 * gone are dropped, and the changed ones, sorted among themselves, are merged into the previous list
 * order: what comes out is what sorting everything afresh gives (see README "Query API" for the costs).
 * Where a rebuild still takes longer than a tenth of {@code maxAge} (the first one, or most paths
 * changed at once), the index waits ten times its duration before the next, so that an open view costs
 * at most about a tenth of a core however large the fleet, at the price of older pages.
 */
public final class PathIndex {

    /** A rebuild may take this share of the time at most: the next waits this many times as long. */
    static final int REBUILD_SHARE = 10;

    private static final Comparator<Indexed> ORDER = Comparator.comparing(indexed -> indexed.summary, PathSummary.ORDER);

    private final Supplier<? extends Collection<KeyValue<Bytes, byte[]>>> source;
    private final Function<byte[], PathSummary> summarise;
    private final long maxAgeNanos;
    private final LongSupplier nanoTime;
    // What the last rebuild saw of each key; entries carry the rebuild that last saw them.
    private final Map<Bytes, Indexed> byKey = new HashMap<>();
    private long rebuilds;
    private Snapshot snapshot;
    private long takenAt;
    private long validNanos;

    /**
     * @param source    the store's entries, key and value bytes as stored
     * @param summarise a stored value's summary line
     */
    public PathIndex(Supplier<? extends Collection<KeyValue<Bytes, byte[]>>> source,
                     Function<byte[], PathSummary> summarise, Duration maxAge, LongSupplier nanoTime) {
        this.source = source;
        this.summarise = summarise;
        this.maxAgeNanos = maxAge.toNanos();
        this.nanoTime = nanoTime;
    }

    /** One page of this instance's paths; {@code after} is the key of the filter's cursor (empty: from the start). */
    public PathPage page(PathFilter filter, List<String> after, int limit) {
        return snapshot().page(filter, after, limit);
    }

    private synchronized Snapshot snapshot() {
        long now = nanoTime.getAsLong();
        if (snapshot == null || now - takenAt >= validNanos) {
            try {
                snapshot = rebuild();
            } catch (RuntimeException e) {
                // Half-updated: start afresh next time rather than trust what was kept.
                byKey.clear();
                snapshot = null;
                throw e;
            }
            takenAt = now;
            validNanos = Math.max(maxAgeNanos, REBUILD_SHARE * (nanoTime.getAsLong() - now));
        }
        return snapshot;
    }

    /** The snapshot of the store as it is now: the previous one where nothing changed. */
    private Snapshot rebuild() {
        long rebuild = ++rebuilds;
        List<Indexed> fresh = new ArrayList<>();
        int kept = 0;
        for (KeyValue<Bytes, byte[]> entry : source.get()) {
            Indexed known = byKey.get(entry.key);
            if (known != null && known.seenIn != rebuild && Arrays.equals(known.stored, entry.value)) {
                known.seenIn = rebuild;
                kept++;
            } else if (known == null || known.seenIn != rebuild) {
                Indexed now = new Indexed(entry.value, summarise.apply(entry.value), rebuild);
                byKey.put(entry.key, now);
                fresh.add(now);
            }
        }
        boolean gone = kept + fresh.size() < byKey.size();
        if (gone) {
            byKey.values().removeIf(indexed -> indexed.seenIn != rebuild);
        }
        if (snapshot != null && fresh.isEmpty() && !gone) {
            return snapshot;
        }
        fresh.sort(ORDER);
        return new Snapshot(merge(snapshot == null ? new Indexed[0] : snapshot.order, rebuild, fresh));
    }

    /** The previous order without what this rebuild did not keep, merged with the fresh entries (sorted). */
    private static Indexed[] merge(Indexed[] previous, long rebuild, List<Indexed> fresh) {
        Indexed[] out = new Indexed[previous.length + fresh.size()];
        int n = 0;
        int f = 0;
        for (Indexed old : previous) {
            // Fresh entries carry this rebuild too, but none of them is in the previous order.
            if (old.seenIn != rebuild) {
                continue;
            }
            while (f < fresh.size() && ORDER.compare(fresh.get(f), old) < 0) {
                out[n++] = fresh.get(f++);
            }
            out[n++] = old;
        }
        while (f < fresh.size()) {
            out[n++] = fresh.get(f++);
        }
        return Arrays.copyOf(out, n);
    }

    /** One stored value, its summary and search text, and the last rebuild that saw it in the store. */
    private static final class Indexed {
        final byte[] stored;
        final PathSummary summary;
        final String searchText;
        long seenIn;

        Indexed(byte[] stored, PathSummary summary, long seenIn) {
            this.stored = stored;
            this.summary = summary;
            this.searchText = summary.searchText();
            this.seenIn = seenIn;
        }
    }

    /** The sorted paths at one moment, with the counts every page carries. */
    private static final class Snapshot {
        final Indexed[] order;
        final Map<String, Long> totals = new LinkedHashMap<>();
        final List<Facet> agents;
        final List<Facet> targets;
        final List<Facet> findings;

        Snapshot(Indexed[] order) {
            this.order = order;
            Map<String, long[]> agentCounts = new HashMap<>();
            Map<String, String> agentNames = new HashMap<>();
            Map<String, long[]> targetCounts = new HashMap<>();
            Map<String, long[]> findingCounts = new HashMap<>();
            for (Indexed indexed : order) {
                PathSummary path = indexed.summary;
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
            List<PathSummary> items = new ArrayList<>(Math.min(limit, order.length));
            long matched = 0;
            boolean more = false;
            for (int i = 0; i < order.length; i++) {
                if (!filter.matches(order[i].summary, order[i].searchText)) {
                    continue;
                }
                matched++;
                if (i >= start) {
                    if (items.size() < limit) {
                        items.add(order[i].summary);
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
            int high = order.length;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (order[mid].summary.compareToKey(key) <= 0) {
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
