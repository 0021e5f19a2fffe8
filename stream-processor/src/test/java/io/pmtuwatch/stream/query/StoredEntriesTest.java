package io.pmtuwatch.stream.query;

import io.pmtuwatch.schemas.Agent;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.Target;
import io.pmtuwatch.schemas.Transport;
import io.pmtuwatch.stream.DiagnosisRules;
import io.pmtuwatch.stream.ObservationFixtures;
import io.pmtuwatch.stream.topology.StandardTopologyDriver;
import io.pmtuwatch.stream.topology.internals.PathTracker;
import io.pmtuwatch.stream.topology.internals.RunAssembler;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The path-diagnoses store of the topology read as bytes, and the path index over it, against Streams' own decoding read. */
class StoredEntriesTest {

    private static final int[] MTUS = {1500, 1400, 1450, 1476, 1280};

    @TempDir
    Path stateDir;

    @Test
    void theStoredBytesDecodeAsTheStoreDoesAndTheIndexFollowsTheStore() {
        try (TopologyTestDriver driver = StandardTopologyDriver.open(stateDir)) {
            KeyValueStore<String, PathDiagnosis> store = driver.getKeyValueStore(PathTracker.PATH_DIAGNOSES_STORE);
            StateStore stored = driver.getKeyValueStore(PathTracker.PATH_DIAGNOSES_STORE);
            Instant at = Instant.parse("2026-12-07T10:00:00Z");
            for (int a = 0; a < 6; a++) {
                for (int t = 0; t < 40; t++) {
                    PathDiagnosis diagnosis = diagnose(a, t, "r-" + a + "-" + t, at, MTUS[t % MTUS.length]);
                    store.put(diagnosis.getPathId(), diagnosis);
                }
            }
            AtomicLong now = new AtomicLong();
            PathIndex index = new PathIndex(() -> StoredEntries.all(stored), LocalViews::pathSummary, Duration.ofSeconds(2),
                    now::get);
            List<PathSummary> before = assertIndexIsTheStore(index, store, stored);

            // Later runs with other MTUs (other statuses and findings for most), and some paths gone.
            for (int a = 0; a < 6; a++) {
                for (int t = a; t < 40; t += 7) {
                    PathDiagnosis later = diagnose(a, t, "r2-" + a + "-" + t, at.plusSeconds(60), MTUS[(t + 2) % MTUS.length]);
                    store.put(later.getPathId(), later);
                }
                store.delete(diagnose(a, 39 - a, "x", at, 1500).getPathId());
            }
            now.addAndGet(Duration.ofSeconds(2).toNanos());
            List<PathSummary> after = assertIndexIsTheStore(index, store, stored);
            assertThat(after).hasSize(before.size() - 6);
            assertThat(after.stream().filter(path -> path.runId().startsWith("r2-")).map(PathSummary::pmtu).distinct()).hasSizeGreaterThan(1);

        }
    }

    @Test
    void aStoreThatKeepsMoreThanTheSerdesBytesIsRefused() {
        try (TopologyTestDriver driver = StandardTopologyDriver.open(stateDir)) {
            // Timestamped: its bytes are a timestamp and the serde's.
            StateStore timestamped = driver.getTimestampedKeyValueStore(RunAssembler.PATH_HANDSHAKES_STORE);
            assertThatThrownBy(() -> StoredEntries.all(timestamped)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not a plain key-value store");
        }
    }

    /** The index's pages are the store's diagnoses, decoded by the store, in list order; keys and values match. */
    private static List<PathSummary> assertIndexIsTheStore(PathIndex index, KeyValueStore<String, PathDiagnosis> store, StateStore stored) {
        Map<String, PathSummary> decodedByStore = new HashMap<>();
        try (KeyValueIterator<String, PathDiagnosis> it = store.all()) {
            it.forEachRemaining(entry -> decodedByStore.put(entry.key, PathSummary.of(entry.value)));
        }
        Map<String, PathSummary> fromBytes = new HashMap<>();
        for (KeyValue<Bytes, byte[]> entry : StoredEntries.all(stored)) {
            fromBytes.put(new String(entry.key.get(), StandardCharsets.UTF_8), LocalViews.pathSummary(entry.value));
        }
        assertThat(fromBytes).isEqualTo(decodedByStore);
        List<PathSummary> expected = new ArrayList<>(decodedByStore.values());
        expected.sort(PathSummary.ORDER);
        List<PathSummary> pages = new ArrayList<>();
        List<String> after = List.of();
        PathPage page;
        do {
            page = index.page(PathFilter.NONE, after, 50);
            pages.addAll(page.items());
            after = PathSummary.cursorKey(PathFilter.NONE.cursor(), page.nextCursor());
        } while (page.nextCursor() != null);
        assertThat(pages).isEqualTo(expected);
        return expected;
    }

    private static PathDiagnosis diagnose(int agentNo, int targetNo, String runId, Instant at, int mtu) {
        Agent agent = ObservationFixtures.agent("agent-" + agentNo);
        Target target = ObservationFixtures.target("10.80.0." + targetNo, Transport.UDP, 33434);
        return DiagnosisRules.standard().diagnose(ObservationFixtures.run(agent, target, runId, at, mtu), Optional.empty(),
                true, null);
    }
}
