package io.pmtuwatch.stream.query;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An index that rebuilds from what changed answers every page as one built afresh from the same store:
 * random adds, changes, status changes, renames, deletions, rewrites of equal bytes and moves between
 * instances and partitions, each followed by a comparison of every page under several filters.
 */
class PathIndexIncrementalTest {

    private static final Duration MAX_AGE = Duration.ofSeconds(2);
    private static final List<PathFilter> FILTERS = List.of(PathFilter.NONE,
            PathFilter.from(QueryParams.parse("status=WARNING")), PathFilter.from(QueryParams.parse("q=agent-1")),
            PathFilter.from(QueryParams.parse("finding=MTU_DROP&agent=agent-3")));
    private static final String[] STATUSES = {"CRITICAL", "WARNING", "INFO", "UNKNOWN"};

    /** One instance: its partitions (key to stored bytes each), an index kept across rebuilds, its decodes. */
    private static final class Instance {
        final List<Map<Bytes, byte[]>> partitions = List.of(new TreeMap<>(), new TreeMap<>());
        final AtomicInteger decodes = new AtomicInteger();
        // What the index saw at its last rebuild: the decodes the next one needs are the keys that differ.
        Map<Bytes, byte[]> seen = Map.of();

        List<KeyValue<Bytes, byte[]>> entries() {
            List<KeyValue<Bytes, byte[]>> out = new ArrayList<>();
            partitions.forEach(partition -> partition.forEach((key, value) -> out.add(KeyValue.pair(key, value))));
            return out;
        }

        Map<Bytes, byte[]> all() {
            Map<Bytes, byte[]> out = new HashMap<>();
            partitions.forEach(out::putAll);
            return out;
        }
    }

    @Test
    void incrementalRebuildsAnswerAsAFreshIndexOverRandomChanges() throws Exception {
        for (long seed = 1; seed <= 4; seed++) {
            Random random = new Random(seed);
            AtomicLong now = new AtomicLong();
            List<Instance> instances = List.of(new Instance(), new Instance());
            List<PathIndex> indexes = new ArrayList<>();
            for (Instance instance : instances) {
                indexes.add(new PathIndex(instance::entries, bytes -> {
                    instance.decodes.incrementAndGet();
                    return PathIndexTest.decode(bytes);
                }, MAX_AGE, now::get));
            }
            for (PathSummary path : PathIndexTest.fleet(6, 20)) {
                instances.get(random.nextInt(2)).partitions.get(random.nextInt(2)).put(PathIndexTest.key(path.pathId()),
                        PathIndexTest.encode(path));
            }
            int unchangedSteps = 0;
            for (int step = 0; step < 60; step++) {
                int changes = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(8);
                for (int c = 0; c < changes; c++) {
                    change(instances, random);
                }
                now.addAndGet(MAX_AGE.toNanos());
                List<PathSummary> everything = new ArrayList<>();
                for (int i = 0; i < instances.size(); i++) {
                    Instance instance = instances.get(i);
                    Map<Bytes, byte[]> current = instance.all();
                    int expectedDecodes = differing(instance.seen, current);
                    unchangedSteps += expectedDecodes == 0 && current.size() == instance.seen.size() ? 1 : 0;
                    instance.decodes.set(0);
                    List<KeyValue<Bytes, byte[]>> entries = instance.entries();
                    PathIndex fresh = new PathIndex(() -> entries, PathIndexTest::decode, MAX_AGE, now::get);
                    String where = "seed " + seed + ", step " + step + ", instance " + i;
                    for (PathFilter filter : FILTERS) {
                        assertSamePages(indexes.get(i), fresh, filter, 1 + random.nextInt(9), where);
                    }
                    assertThat(instance.decodes).as(where + ": decodes of changed values only").hasValue(expectedDecodes);
                    instance.seen = current;
                    entries.forEach(entry -> everything.add(PathIndexTest.decode(entry.value)));
                }
                // And the instances' pages merged are those of one index over all of them.
                List<KeyValue<Bytes, byte[]>> all = PathIndexTest.stored(everything);
                PathIndex one = new PathIndex(() -> all, PathIndexTest::decode, MAX_AGE, now::get);
                PathFilter filter = FILTERS.get(random.nextInt(FILTERS.size()));
                PathPage merged = PathPage.merge(List.of(indexes.get(0).page(filter, List.of(), 10),
                        indexes.get(1).page(filter, List.of(), 10)), filter.cursor(), 10);
                PathPage expected = one.page(filter, List.of(), 10);
                assertThat(merged.items()).isEqualTo(expected.items());
                assertThat(merged.totals()).isEqualTo(expected.totals());
            }
            assertThat(unchangedSteps).as("steps where an instance saw no change").isPositive();
        }
    }

    @Test
    void aRebuildThatFailsLeavesNothingHalfDoneForTheNext() {
        AtomicLong now = new AtomicLong();
        Map<Bytes, byte[]> store = new TreeMap<>();
        PathIndexTest.fleet(3, 10).forEach(path -> store.put(PathIndexTest.key(path.pathId()), PathIndexTest.encode(path)));
        byte[] broken = "not a summary".getBytes();
        PathIndex index = new PathIndex(() -> PathIndexTest.storedOf(store), bytes -> {
            if (Arrays.equals(bytes, broken)) {
                throw new IllegalStateException("cannot decode");
            }
            return PathIndexTest.decode(bytes);
        }, MAX_AGE, now::get);
        index.page(PathFilter.NONE, List.of(), 5);
        // Some values change, one of them into bytes that do not decode, which ends the rebuild half-way.
        List<Bytes> keys = new ArrayList<>(store.keySet());
        for (int i = 0; i < keys.size(); i += 3) {
            PathSummary old = PathIndexTest.decode(store.get(keys.get(i)));
            store.put(keys.get(i), PathIndexTest.encode(withStatus(old, "CRITICAL", List.of("PMTUD_FAILURE"))));
        }
        store.put(keys.get(keys.size() / 2), broken);
        now.addAndGet(MAX_AGE.toNanos());
        assertThatThrownBy(() -> index.page(PathFilter.NONE, List.of(), 5)).hasMessage("cannot decode");
        store.remove(keys.get(keys.size() / 2));
        now.addAndGet(MAX_AGE.toNanos());
        List<KeyValue<Bytes, byte[]>> entries = PathIndexTest.storedOf(store);
        PathIndex fresh = new PathIndex(() -> entries, PathIndexTest::decode, MAX_AGE, now::get);
        assertSamePages(index, fresh, PathFilter.NONE, 7, "after the failed rebuild");
    }

    /** Pages of both indexes under the filter, as JSON (order of the counts too), until the last one. */
    private static void assertSamePages(PathIndex index, PathIndex fresh, PathFilter filter, int limit, String where) {
        List<String> after = List.of();
        while (true) {
            PathPage expected = fresh.page(filter, after, limit);
            PathPage actual = index.page(filter, after, limit);
            assertThat(actual.toJson().toString()).as(where + ", " + filter.cursor() + " after " + after)
                    .isEqualTo(expected.toJson().toString());
            if (expected.nextCursor() == null) {
                return;
            }
            after = PathSummary.cursorKey(filter.cursor(), expected.nextCursor());
        }
    }

    /** Keys whose bytes are new or differ from what was there. */
    private static int differing(Map<Bytes, byte[]> before, Map<Bytes, byte[]> after) {
        int n = 0;
        for (Map.Entry<Bytes, byte[]> entry : after.entrySet()) {
            n += Arrays.equals(before.get(entry.getKey()), entry.getValue()) ? 0 : 1;
        }
        return n;
    }

    private static void change(List<Instance> instances, Random random) {
        Instance instance = instances.get(random.nextInt(instances.size()));
        Map<Bytes, byte[]> partition = instance.partitions.get(random.nextInt(2));
        int what = random.nextInt(7);
        if (what == 0 || partition.isEmpty()) {
            PathSummary added = path(random.nextInt(8), random.nextInt(30), random);
            Bytes key = PathIndexTest.key(added.pathId());
            boolean held = instances.stream().anyMatch(i -> i.partitions.stream().anyMatch(p -> p.containsKey(key)));
            if (!held) {
                partition.put(key, PathIndexTest.encode(added));
            }
            return;
        }
        List<Bytes> keys = new ArrayList<>(partition.keySet());
        Bytes key = keys.get(random.nextInt(keys.size()));
        PathSummary old = PathIndexTest.decode(partition.get(key));
        switch (what) {
            case 1 -> partition.remove(key);
            case 2 -> partition.put(key, PathIndexTest.encode(new PathSummary(old.pathId(), old.agent(), old.agentName(),
                    old.agentLocation(), old.target(), "run-" + random.nextInt(1000), old.diagnosedAt(), 1200 + random.nextInt(300),
                    old.status(), random.nextBoolean(), old.findings())));
            case 3 -> {
                int status = random.nextInt(STATUSES.length);
                partition.put(key, PathIndexTest.encode(withStatus(old, STATUSES[status], findings(status, random))));
            }
            case 4 -> partition.put(key, PathIndexTest.encode(new PathSummary(old.pathId(), old.agent(),
                    "Agent " + random.nextInt(3), "site " + random.nextInt(3), old.target(), old.runId(), old.diagnosedAt(),
                    old.pmtu(), old.status(), old.complete(), old.findings())));
            case 5 -> partition.put(key, partition.get(key).clone()); // the same bytes written again
            default -> { // another partition, maybe on the other instance (a rebalance)
                byte[] value = partition.remove(key);
                instances.get(random.nextInt(instances.size())).partitions.get(random.nextInt(2)).put(key, value);
            }
        }
    }

    private static PathSummary path(int agent, int target, Random random) {
        int status = random.nextInt(STATUSES.length);
        return new PathSummary("agent-" + agent + "|198.18.1." + target + "|UDP|33434|v4|", "agent-" + agent, "Agent " + agent,
                "site " + agent % 3, "t" + target + ".example (198.18.1." + target + ")", "run-" + random.nextInt(1000),
                "2026-01-01T00:00:00Z", 1400, STATUSES[status], true, findings(status, random));
    }

    private static List<String> findings(int status, Random random) {
        return switch (status) {
            case 0 -> List.of("PMTUD_FAILURE");
            case 1 -> random.nextBoolean() ? List.of("OVERSIZED_MSS", "MTU_DROP") : List.of("MTU_DROP");
            case 2 -> List.of("OK");
            default -> List.of();
        };
    }

    private static PathSummary withStatus(PathSummary old, String status, List<String> findings) {
        return new PathSummary(old.pathId(), old.agent(), old.agentName(), old.agentLocation(), old.target(), old.runId(),
                old.diagnosedAt(), old.pmtu(), status, old.complete(), findings);
    }
}
