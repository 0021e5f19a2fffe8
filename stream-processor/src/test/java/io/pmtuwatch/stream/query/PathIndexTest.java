package io.pmtuwatch.stream.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PathIndexTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** agents x targets paths; every 7th critical, every 3rd warning, the rest healthy. */
    static List<PathSummary> fleet(int agents, int targets) {
        List<PathSummary> paths = new ArrayList<>();
        for (int a = 0; a < agents; a++) {
            for (int t = 0; t < targets; t++) {
                int n = a * targets + t;
                String status = n % 7 == 0 ? "CRITICAL" : n % 3 == 0 ? "WARNING" : "INFO";
                List<String> codes = switch (status) {
                    case "CRITICAL" -> List.of("PMTUD_FAILURE");
                    case "WARNING" -> List.of("OVERSIZED_MSS", "MTU_DROP");
                    default -> List.of("OK");
                };
                paths.add(new PathSummary("agent-" + a + "|198.18.0." + t + "|TCP|443|v4|", "agent-" + a, "Agent " + a,
                        "site " + a % 3, "t" + t + ".example (198.18.0." + t + ")", "run", "2026-01-01T00:00:00Z", 1400,
                        status, true, codes));
            }
        }
        return paths;
    }

    /** A store's entries for these summaries: the path id as key, the summary's JSON as the stored value. */
    static List<KeyValue<Bytes, byte[]>> stored(Collection<PathSummary> paths) {
        List<KeyValue<Bytes, byte[]>> out = new ArrayList<>();
        paths.forEach(path -> out.add(KeyValue.pair(key(path.pathId()), encode(path))));
        return out;
    }

    /** A store's entries as a read of it hands them out (a copy: the store goes on changing). */
    static List<KeyValue<Bytes, byte[]>> storedOf(Map<Bytes, byte[]> store) {
        List<KeyValue<Bytes, byte[]>> out = new ArrayList<>();
        store.forEach((key, value) -> out.add(KeyValue.pair(key, value)));
        return out;
    }

    static Bytes key(String pathId) {
        return Bytes.wrap(pathId.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] encode(PathSummary path) {
        try {
            return JSON.writeValueAsBytes(path.toJson());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PathSummary decode(byte[] stored) {
        try {
            return PathSummary.fromJson(JSON.readTree(stored));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PathIndex index(List<PathSummary> paths) {
        List<KeyValue<Bytes, byte[]>> entries = stored(paths);
        return new PathIndex(() -> entries, PathIndexTest::decode, Duration.ofSeconds(2), System::nanoTime);
    }

    @Test
    void pagesCoverEveryMatchingPathOnceInListOrder() {
        List<PathSummary> paths = fleet(20, 25);
        PathIndex index = index(paths);
        List<PathSummary> seen = new ArrayList<>();
        List<String> after = List.of();
        PathPage page;
        do {
            page = index.page(PathFilter.NONE, after, 37);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(37);
            assertThat(page.matched()).isEqualTo(500);
            seen.addAll(page.items());
            after = PathSummary.cursorKey(PathFilter.NONE.cursor(), page.nextCursor());
        } while (page.nextCursor() != null);
        assertThat(seen).hasSize(500).isSortedAccordingTo(PathSummary.ORDER);
        assertThat(new HashSet<>(seen)).hasSize(500);
        assertThat(seen.get(0).status()).isEqualTo("CRITICAL");
        assertThat(page.totals()).containsEntry("CRITICAL", paths.stream().filter(p -> p.status().equals("CRITICAL")).count());
    }

    @Test
    void filtersOnTheServer() {
        PathIndex index = index(fleet(20, 25));
        PathPage warnings = index.page(PathFilter.from(QueryParams.parse("status=warning&agent=agent-3")), List.of(), 1000);
        assertThat(warnings.items()).isNotEmpty().allSatisfy(p -> {
            assertThat(p.status()).isEqualTo("WARNING");
            assertThat(p.agent()).isEqualTo("agent-3");
        });
        assertThat(warnings.matched()).isEqualTo(warnings.items().size());
        PathPage text = index.page(PathFilter.from(QueryParams.parse("q=T7.EXAMPLE&finding=pmtud_failure")), List.of(), 1000);
        assertThat(text.items()).isNotEmpty().allSatisfy(p -> {
            assertThat(p.target()).startsWith("t7.example");
            assertThat(p.findings()).contains("PMTUD_FAILURE");
        });
        PathPage ok = index.page(PathFilter.from(QueryParams.parse("status=OK")), List.of(), 5);
        assertThat(ok.items()).allSatisfy(p -> assertThat(p.status()).isEqualTo("INFO"));
        assertThat(ok.agents()).extracting(Facet::value).contains("agent-0");
        assertThat(ok.agents().get(0).label()).startsWith("Agent ");
    }

    @Test
    void mergedPagesOfTwoInstancesAreThePagesOfOne() throws Exception {
        List<PathSummary> paths = fleet(10, 30);
        List<PathSummary> even = new ArrayList<>();
        List<PathSummary> odd = new ArrayList<>();
        for (PathSummary path : paths) {
            (Math.floorMod(path.pathId().hashCode(), 2) == 0 ? even : odd).add(path);
        }
        PathIndex one = index(paths);
        PathIndex a = index(even);
        PathIndex b = index(odd);
        PathFilter filter = PathFilter.from(QueryParams.parse("q=agent-"));
        List<String> after = List.of();
        int pages = 0;
        while (true) {
            PathPage expected = one.page(filter, after, 25);
            // Through JSON, as another instance's answer arrives.
            PathPage remote = PathPage.fromJson(JSON.readTree(JSON.writeValueAsBytes(b.page(filter, after, 25).toJson())));
            PathPage merged = PathPage.merge(List.of(a.page(filter, after, 25), remote), filter.cursor(), 25);
            assertThat(merged.items()).isEqualTo(expected.items());
            assertThat(merged.matched()).isEqualTo(expected.matched());
            assertThat(merged.totals()).isEqualTo(expected.totals());
            assertThat(merged.nextCursor()).isEqualTo(expected.nextCursor());
            pages++;
            if (expected.nextCursor() == null) {
                break;
            }
            after = PathSummary.cursorKey(filter.cursor(), expected.nextCursor());
        }
        assertThat(pages).isEqualTo(12);
    }

    @Test
    void readsTheStoreOncePerMaxAge() {
        AtomicInteger reads = new AtomicInteger();
        AtomicLong now = new AtomicLong();
        List<KeyValue<Bytes, byte[]>> paths = stored(fleet(2, 2));
        PathIndex index = new PathIndex(() -> {
            reads.incrementAndGet();
            return paths;
        }, PathIndexTest::decode, Duration.ofSeconds(2), now::get);
        index.page(PathFilter.NONE, List.of(), 10);
        now.addAndGet(Duration.ofMillis(1999).toNanos());
        index.page(PathFilter.NONE, List.of(), 10);
        assertThat(reads).hasValue(1);
        now.addAndGet(Duration.ofMillis(1).toNanos());
        index.page(PathFilter.NONE, List.of(), 10);
        assertThat(reads).hasValue(2);
    }

    @Test
    void aSlowRebuildIsFollowedByALongerWaitSoItTakesATenthOfTheTimeAtMost() {
        AtomicInteger reads = new AtomicInteger();
        AtomicLong now = new AtomicLong();
        List<KeyValue<Bytes, byte[]>> paths = stored(fleet(2, 2));
        PathIndex index = new PathIndex(() -> {
            reads.incrementAndGet();
            now.addAndGet(Duration.ofMillis(500).toNanos()); // the read takes half a second
            return paths;
        }, PathIndexTest::decode, Duration.ofSeconds(2), now::get);
        index.page(PathFilter.NONE, List.of(), 10);
        now.addAndGet(Duration.ofMillis(4499).toNanos());
        index.page(PathFilter.NONE, List.of(), 10);
        assertThat(reads).as("4.999 s after the last read began").hasValue(1);
        now.addAndGet(Duration.ofMillis(1).toNanos());
        index.page(PathFilter.NONE, List.of(), 10);
        assertThat(reads).hasValue(2);
    }

    @Test
    void refusesWhatItCannotAnswerWithAMessage() {
        assertThatThrownBy(() -> QueryParams.parse("limit=0").limit()).isInstanceOf(ApiException.class)
                .hasMessageContaining("limit must be a whole number from 1 to 1000");
        assertThatThrownBy(() -> PathFilter.from(QueryParams.parse("status=BROKEN"))).hasMessageContaining("status must be one of");
        assertThatThrownBy(() -> PathSummary.cursorKey(PathFilter.NONE.cursor(), "bm9wZQ")).isInstanceOf(ApiException.class)
                .hasMessageContaining("is not one");
        assertThatThrownBy(() -> QueryParams.parse("stauts=WARNING").allow("/paths", PathFilter.PARAMETERS))
                .hasMessageContaining("unknown parameter 'stauts'");
        assertThat(QueryParams.parse("agent=a%7Cb&q=x+y").get("agent")).isEqualTo("a|b");
        Set<String> ids = new HashSet<>();
        Cursor cursor = Cursor.of("/things", "");
        IdPage first = IdPage.of(List.of(JSON.createObjectNode().put("id", "b"), JSON.createObjectNode().put("id", "a"),
                JSON.createObjectNode().put("id", "c")), "id", n -> true, cursor, List.of(), 2);
        first.items().forEach(n -> ids.add(n.path("id").asText()));
        assertThat(ids).containsExactlyInAnyOrder("a", "b");
        assertThat(cursor.decode(first.nextCursor(), 1)).isEqualTo(List.of("b"));
        assertThat(Map.of("matched", first.matched())).containsEntry("matched", 3L);
    }
}
