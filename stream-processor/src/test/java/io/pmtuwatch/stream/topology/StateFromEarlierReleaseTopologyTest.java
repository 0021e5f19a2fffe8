package io.pmtuwatch.stream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.pmtuwatch.schemas.Agent;
import io.pmtuwatch.schemas.AnomalyKind;
import io.pmtuwatch.schemas.AnomalyState;
import io.pmtuwatch.schemas.AnomalyWindow;
import io.pmtuwatch.schemas.LinkMtu;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.Target;
import io.pmtuwatch.schemas.Transport;
import io.pmtuwatch.stream.ObservationFixtures;
import io.pmtuwatch.stream.config.RawConfig;
import io.pmtuwatch.stream.config.Settings;
import io.pmtuwatch.stream.topology.internals.LinkAggregator;
import io.pmtuwatch.stream.topology.internals.PathAnomalyState;
import io.pmtuwatch.stream.topology.internals.PathTracker;
import io.pmtuwatch.stream.topology.internals.StatusStreak;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * State an earlier release wrote (the path and link state in JSON, as restored from its image or its
 * changelog) is read by this build and carried on: an open window closes under its own id, a link
 * keeps its history; the next write is in the compact form.
 */
class StateFromEarlierReleaseTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private static final Agent FRA = ObservationFixtures.agent("fra");
    private static final Target UDP_TARGET = ObservationFixtures.target("10.9.3.7", Transport.UDP, 33434);
    private static final String PATH = ObservationFixtures.pathId(FRA, UDP_TARGET);
    private static final String LINK = ObservationFixtures.ROUTER_2 + ">" + UDP_TARGET.getAddress() + "@site:Rack 1";
    private static final long WINDOW_START = T0.minusSeconds(600).toEpochMilli();

    /**
     * A path's anomaly state as the previous release's JsonSerde wrote it: a PMTU_DROP window open
     * since ten minutes before T0 (baseline 1500, worst 1400), an OVERSIZED_MSS streak, one PMTU change.
     */
    private static final String PATH_STATE_JSON = "{\"lastSeenWallMs\":1764000000123,\"latestSampleMs\":" + WINDOW_START
            + ",\"drop\":{\"recent\":[1500,1500,1500],\"open\":{\"id\":\"pmtu_drop:" + PATH + ":" + WINDOW_START
            + "\",\"kind\":\"PMTU_DROP\",\"subjectType\":\"PATH\",\"subject\":\"" + PATH + "\",\"startMs\":" + WINDOW_START
            + ",\"lastUpdateMs\":" + WINDOW_START + ",\"lastEmittedMs\":" + WINDOW_START + ",\"count\":1,\"findingCode\":null,"
            + "\"baselinePmtu\":1500,\"worstPmtu\":1400,\"changes\":0,\"agents\":[\"fra\"],\"paths\":[\"" + PATH + "\"]}},"
            + "\"findings\":{\"OVERSIZED_MSS\":{\"sinceMs\":1763999000000,\"lastMs\":1764000000000,\"count\":2,\"open\":null}},"
            + "\"flapping\":{\"lastPmtu\":1400,\"changeTimes\":[" + WINDOW_START + "],\"values\":[1400],\"open\":null}}";

    /** A link's state as the previous release wrote it: first seen a day before T0, crossed by another agent's path. */
    private static final String LINK_STATE_JSON = "{\"linkId\":\"" + LINK + "\",\"router\":\"" + ObservationFixtures.ROUTER_2
            + "\",\"nextHop\":\"" + UDP_TARGET.getAddress() + "\",\"ipVersion\":\"IPV4\",\"mtu\":1400,\"fromMtu\":1500,"
            + "\"likelyCause\":\"old cause\",\"firstSeenMs\":" + T0.minusSeconds(86_400).toEpochMilli() + ",\"lastSeenMs\":"
            + WINDOW_START + ",\"lastSeenWallMs\":" + WINDOW_START + ",\"pathCount\":1,\"agentCount\":1,"
            + "\"recentPaths\":[\"old-path\"],\"recentAgents\":[\"old-agent\"],\"lastPublishedLastSeenMs\":" + WINDOW_START
            + ",\"lastPublishedDigest\":\"123\",\"drop\":{\"agents\":{\"old-agent\":" + T0.toEpochMilli()
            + "},\"lastReportMs\":" + WINDOW_START + ",\"open\":null}}";

    @TempDir
    Path stateDir;

    private TopologyFixture fx;
    private int runs;

    @BeforeEach
    void start() {
        fx = new TopologyFixture(stateDir, RawConfig.empty().with(Settings.TIME_FUTURE_TOLERANCE, "3650d"));
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void anOpenWindowFromTheEarlierReleaseClosesUnderItsOwnId() {
        rawStore(PathTracker.PATH_STATE_STORE).put(key(PATH), PATH_STATE_JSON.getBytes(StandardCharsets.UTF_8));

        run(T0, 1500);

        List<AnomalyWindow> drops = fx.anomalies().stream().filter(a -> a.getKind() == AnomalyKind.PMTU_DROP).toList();
        assertThat(drops).singleElement().satisfies(window -> {
            assertThat(window.getState()).isEqualTo(AnomalyState.CLOSED);
            assertThat(window.getId()).isEqualTo("pmtu_drop:" + PATH + ":" + WINDOW_START);
            assertThat(window.getBaselinePmtu()).isEqualTo(1500);
            assertThat(window.getCount()).isEqualTo(2);
        });
        assertThat(rawStore(PathTracker.PATH_STATE_STORE).get(key(PATH))[0]).as("written back compact").isEqualTo((byte) 1);
    }

    @Test
    void theStatusStreakCarriesOnFromAPathStateWithoutIt() {
        rawStore(PathTracker.PATH_STATE_STORE).put(key(PATH), PATH_STATE_JSON.getBytes(StandardCharsets.UTF_8));

        PathDiagnosis first = run(T0, 1500);
        PathDiagnosis second = run(T0.plusSeconds(60), 1500);

        assertThat(first.getStatusSince()).as("no latest diagnosis yet").isEqualTo(first.getDiagnosedAt());
        assertThat(second.getStatus()).isEqualTo(first.getStatus());
        assertThat(second.getStatusSince()).isEqualTo(first.getDiagnosedAt());
        KeyValueStore<String, PathAnomalyState> states = fx.driver.getKeyValueStore(PathTracker.PATH_STATE_STORE);
        assertThat(states.get(PATH).latestStatus).as("kept with the path's state from now on")
                .isEqualTo(new StatusStreak.Previous(second.getDiagnosedAt(), second.getStatus(), first.getDiagnosedAt()));
    }

    @Test
    void aLinkFromTheEarlierReleaseKeepsItsHistory() {
        rawStore(LinkAggregator.LINKS_STORE).put(key(LINK), LINK_STATE_JSON.getBytes(StandardCharsets.UTF_8));

        run(T0, 1400);

        List<LinkMtu> records = fx.links.readValuesToList();
        assertThat(records).isNotEmpty();
        LinkMtu link = records.get(records.size() - 1);
        assertThat(link.getLinkId()).isEqualTo(LINK);
        assertThat(link.getFirstSeen()).isEqualTo(T0.minusSeconds(86_400));
        assertThat(link.getPathCount()).isEqualTo(2);
        assertThat(link.getPaths()).containsExactly(PATH, "old-path");
        assertThat(link.getAgents()).containsExactly("fra", "old-agent");
    }

    private PathDiagnosis run(Instant at, int linkMtu) {
        fx.pipe(ObservationFixtures.run(FRA, UDP_TARGET, "run-" + (++runs), at, linkMtu));
        List<PathDiagnosis> out = fx.diagnoses();
        assertThat(out).hasSize(1);
        return out.get(0);
    }

    private static Bytes key(String key) {
        return Bytes.wrap(key.getBytes(StandardCharsets.UTF_8));
    }

    /** The store under Streams' layers (metering, caching, changelog): what a restore fills. */
    @SuppressWarnings("unchecked")
    private KeyValueStore<Bytes, byte[]> rawStore(String name) {
        StateStore store = fx.driver.getAllStateStores().get(name);
        while (store instanceof WrappedStateStore<?, ?, ?> wrapped) {
            store = wrapped.wrapped();
        }
        return (KeyValueStore<Bytes, byte[]>) store;
    }
}
