package io.pmtuwatch.stream.query;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * gone are dropped, and the changed ones, sorted among themselves, take their places in the previous list
 * order, found by binary search; the counts are updated path by path. What comes out is what decoding and
 * sorting everything afresh gives (see README "Query API" for the costs).
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
    private Map<Bytes, Indexed> byKey = new HashMap<>();
    private long rebuilds;
    // The keys of the last read in the order read, and what was indexed for each.
    private Bytes[] lastKeys = new Bytes[0];
    private Indexed[] lastRead = new Indexed[0];
    private PathCounts counts = new PathCounts();
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
                lastKeys = new Bytes[0];
                lastRead = new Indexed[0];
                counts = new PathCounts();
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
        Changes changes = read(++rebuilds);
        if (snapshot != null && changes.fresh().isEmpty() && changes.dropped().isEmpty()) {
            return snapshot;
        }
        return applied(changes);
    }

    /** What a read of the store changed since the last: entries to add, and entries replaced or gone. */
    private record Changes(List<Indexed> fresh, List<Indexed> dropped) {
    }

    /** Reads the store, decoding only values whose bytes changed; the entries it saw are marked with {@code rebuild}. */
    private Changes read(long rebuild) {
        List<Indexed> fresh = new ArrayList<>();
        // In the previous order but not in the next: replaced by a fresh entry, or gone from the store.
        List<Indexed> dropped = new ArrayList<>();
        int kept = 0;
        Collection<KeyValue<Bytes, byte[]>> entries = source.get();
        if (byKey.isEmpty()) {
            byKey = new HashMap<>(entries.size() * 4 / 3 + 1); // no rehashing as it fills
        }
        Bytes[] keys = new Bytes[entries.size()];
        Indexed[] current = new Indexed[entries.size()];
        int n = 0;
        int next = 0; // where in the last read the next key is expected
        for (KeyValue<Bytes, byte[]> entry : entries) {
            // A store hands out its keys in the same order each time: the last read, followed along,
            // finds most keys without a hash lookup (a cache miss or two each, at 100,000 paths).
            Indexed known;
            if (next < lastKeys.length && (lastKeys[next] == entry.key || lastKeys[next].equals(entry.key))) {
                known = lastRead[next];
            } else {
                known = byKey.isEmpty() ? null : byKey.get(entry.key);
            }
            if (known != null) {
                next = known.readAt + 1;
            }
            Indexed now;
            if (known != null && known.seenIn != rebuild && Arrays.equals(known.stored, entry.value)) {
                known.seenIn = rebuild;
                kept++;
                now = known;
            } else if (known == null || known.seenIn != rebuild) {
                now = new Indexed(entry.value, summarise.apply(entry.value), rebuild);
                byKey.put(entry.key, now);
                fresh.add(now);
                if (known != null) {
                    dropped.add(known);
                }
            } else {
                continue; // the same key twice in one read: the first is kept
            }
            now.readAt = n;
            keys[n] = entry.key;
            current[n++] = now;
        }
        lastKeys = n == keys.length ? keys : Arrays.copyOf(keys, n);
        lastRead = n == current.length ? current : Arrays.copyOf(current, n);
        if (kept + fresh.size() < byKey.size()) {
            byKey.values().removeIf(indexed -> {
                boolean gone = indexed.seenIn != rebuild;
                if (gone) {
                    dropped.add(indexed);
                }
                return gone;
            });
        }
        return new Changes(fresh, dropped);
    }

    /** The previous snapshot with the changes applied: counts path by path, the fresh entries spliced into the order. */
    private Snapshot applied(Changes changes) {
        List<Indexed> fresh = changes.fresh();
        List<Indexed> dropped = changes.dropped();
        // Counted before sorting: in read order the entries lie in memory as they were made.
        Set<String> touched = new HashSet<>();
        dropped.forEach(indexed -> {
            counts.remove(indexed.summary);
            touched.add(indexed.summary.agent());
        });
        fresh.forEach(indexed -> {
            counts.add(indexed.summary);
            touched.add(indexed.summary.agent());
        });
        fresh.sort(ORDER);
        Order order = snapshot == null ? splice(new Order(new PathSummary[0], new String[0]), dropped, fresh)
                : splice(new Order(snapshot.paths, snapshot.searchText), dropped, fresh);
        // An agent's label is the name on its first path in list order, which only its own paths can change.
        for (String agent : touched) {
            if (counts.hasAgent(agent)) {
                counts.nameAgent(agent, firstPathOf(order.paths(), agent).agentName());
            }
        }
        return new Snapshot(order, counts);
    }

    /**
     * The previous order without the dropped entries and with the fresh ones (sorted) in their places:
     * binary searches for the few that changed and array copies of the runs between them, rather than a
     * sort of everything.
     */
    private static Order splice(Order previous, List<Indexed> dropped, List<Indexed> fresh) {
        PathSummary[] paths = previous.paths();
        int[] drops = new int[dropped.size()];
        for (int i = 0; i < drops.length; i++) {
            drops[i] = Arrays.binarySearch(paths, dropped.get(i).summary, PathSummary.ORDER);
            if (drops[i] < 0) {
                throw new IllegalStateException("path " + dropped.get(i).summary.pathId() + " is not where it was");
            }
        }
        Arrays.sort(drops);
        int[] inserts = new int[fresh.size()];
        for (int i = 0; i < inserts.length; i++) {
            int found = Arrays.binarySearch(paths, fresh.get(i).summary, PathSummary.ORDER);
            // Found: a dropped entry of the same path sorting the same; the fresh one takes its place.
            inserts[i] = found >= 0 ? found : -found - 1;
        }
        int size = paths.length - drops.length + inserts.length;
        PathSummary[] outPaths = new PathSummary[size];
        String[] outText = new String[size];
        int from = 0;
        int to = 0;
        int d = 0;
        int f = 0;
        while (d < drops.length || f < inserts.length) {
            int at = Math.min(d < drops.length ? drops[d] : paths.length, f < inserts.length ? inserts[f] : paths.length);
            System.arraycopy(paths, from, outPaths, to, at - from);
            System.arraycopy(previous.searchText(), from, outText, to, at - from);
            to += at - from;
            from = at;
            if (f < inserts.length && inserts[f] == at) {
                outPaths[to] = fresh.get(f).summary;
                outText[to++] = fresh.get(f++).searchText;
            } else {
                from++; // paths[at] is dropped
                d++;
            }
        }
        System.arraycopy(paths, from, outPaths, to, paths.length - from);
        System.arraycopy(previous.searchText(), from, outText, to, paths.length - from);
        return new Order(outPaths, outText);
    }

    /** The first path of {@code agent} in list order: in the block of the highest status rank it has a path of. */
    private static PathSummary firstPathOf(PathSummary[] order, String agent) {
        for (int rank = 3; rank >= 0; rank--) {
            int low = 0;
            int high = order.length;
            while (low < high) {
                int mid = (low + high) >>> 1;
                int byRank = Integer.compare(rank, order[mid].rank()); // descending
                if ((byRank != 0 ? byRank : order[mid].agent().compareTo(agent)) < 0) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            if (low < order.length && order[low].rank() == rank && order[low].agent().equals(agent)) {
                return order[low];
            }
        }
        throw new IllegalStateException("agent " + agent + " is counted but has no path");
    }

    /** One stored value, its summary and search text, and the last rebuild that saw it in the store. */
    private static final class Indexed {
        final byte[] stored;
        final PathSummary summary;
        final String searchText;
        long seenIn;
        // Where in the last read it was.
        int readAt;

        Indexed(byte[] stored, PathSummary summary, long seenIn) {
            this.stored = stored;
            this.summary = summary;
            this.searchText = summary.searchText();
            this.seenIn = seenIn;
        }
    }

    /** Paths in list order and their search text, index by index. */
    private record Order(PathSummary[] paths, String[] searchText) {
    }

    /** The sorted paths at one moment, with their search text and the counts every page carries. */
    private static final class Snapshot {
        final PathSummary[] paths;
        final String[] searchText;
        final Map<String, Long> totals;
        final List<Facet> agents;
        final List<Facet> targets;
        final List<Facet> findings;

        Snapshot(Order order, PathCounts counts) {
            this.paths = order.paths();
            this.searchText = order.searchText();
            this.totals = counts.totals();
            this.agents = counts.agents();
            this.targets = counts.targets();
            this.findings = counts.findings();
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
    }
}
