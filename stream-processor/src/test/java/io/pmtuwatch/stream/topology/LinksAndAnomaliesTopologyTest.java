package io.pmtuwatch.stream.topology;

import io.pmtuwatch.schemas.Agent;
import io.pmtuwatch.schemas.AnomalyKind;
import io.pmtuwatch.schemas.AnomalyState;
import io.pmtuwatch.schemas.AnomalyWindow;
import io.pmtuwatch.schemas.FindingCode;
import io.pmtuwatch.schemas.LinkMtu;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.SubjectType;
import io.pmtuwatch.schemas.Target;
import io.pmtuwatch.schemas.Transport;
import io.pmtuwatch.stream.ObservationFixtures;
import io.pmtuwatch.stream.config.RawConfig;
import io.pmtuwatch.stream.config.Settings;
import io.pmtuwatch.stream.metrics.PipelineMetrics;
import io.pmtuwatch.stream.metrics.PipelineMetrics.Counter;
import io.pmtuwatch.stream.topology.internals.LinkAggregator;
import io.pmtuwatch.stream.topology.internals.PathTracker;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-link view, each anomaly kind opening and closing, and ageing, through the whole topology. */
class LinksAndAnomaliesTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private static final Agent FRA = ObservationFixtures.agent("fra");
    private static final Agent AMS = ObservationFixtures.agent("ams");
    private static final Target UDP_TARGET = ObservationFixtures.target("10.9.3.7", Transport.UDP, 33434);
    /** The fixtures' addresses are private and their agents share a site: the link is scoped by it. */
    private static final String LINK = ObservationFixtures.ROUTER_2 + ">" + UDP_TARGET.getAddress() + "@site:Rack 1";

    @TempDir
    Path stateDir;

    private TopologyFixture fx;
    private int runs;

    @BeforeEach
    void start() {
        fx = new TopologyFixture(stateDir, RawConfig.empty()
                // event times here span days from a fixed wall clock: the time check has its own tests
                .with(Settings.TIME_FUTURE_TOLERANCE, "3650d")
                .with(Settings.AGEING_SCAN_INTERVAL, "1m")
                .with(Settings.PATH_RETENTION, "30m")
                .with(Settings.LINK_RETENTION, "2h")
                .with(Settings.LINK_WINDOW, "15m"));
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private PathDiagnosis run(Agent agent, Target target, Instant at, int linkMtu) {
        String runId = "run-" + (++runs);
        if (target.getTransport() == Transport.TCP) {
            fx.handshakes.pipeInput(ObservationFixtures.pathId(agent, target),
                    ObservationFixtures.handshake(agent, target, runId, at));
        }
        fx.pipe(ObservationFixtures.run(agent, target, runId, at, linkMtu));
        List<PathDiagnosis> out = fx.diagnoses();
        assertThat(out).hasSize(1);
        return out.get(0);
    }

    private List<AnomalyWindow> anomalies(AnomalyKind kind) {
        return fx.anomalies().stream().filter(a -> a.getKind() == kind).toList();
    }

    @Test
    void aLinkIsPublishedWithItsMtuCauseAndTheAgentsAndPathsThatCrossIt() {
        run(FRA, UDP_TARGET, T0, 1400);
        Target other = ObservationFixtures.target("10.9.3.7", Transport.TCP, 443);
        run(AMS, UDP_TARGET, T0.plusSeconds(10), 1400);
        run(AMS, other, T0.plusSeconds(20), 1400);

        List<TestRecord<String, LinkMtu>> records = fx.links.readRecordsToList();
        LinkMtu link = records.get(records.size() - 1).value();
        assertThat(records).allSatisfy(r -> assertThat(r.key()).isEqualTo(LINK));
        assertThat(link.getRouter()).isEqualTo(ObservationFixtures.ROUTER_2);
        assertThat(link.getNextHop()).isEqualTo(UDP_TARGET.getAddress());
        assertThat(link.getMtu()).isEqualTo(1400);
        assertThat(link.getFromMtu()).isEqualTo(1500);
        assertThat(link.getLikelyCause()).containsIgnoringCase("likely");
        assertThat(link.getPathCount()).isEqualTo(3);
        assertThat(link.getAgentCount()).isEqualTo(2);
        assertThat(link.getAgents()).containsExactlyInAnyOrder("fra", "ams");
        assertThat(link.getFirstSeen()).isEqualTo(T0.plusMillis(3));
        assertThat(link.getLastSeen()).isEqualTo(T0.plusSeconds(20).plusMillis(3));

        KeyValueStore<String, Object> links = fx.driver.getKeyValueStore(LinkAggregator.LINKS_STORE);
        assertThat(links.get(LINK)).isNotNull();
    }

    @Test
    void aRepeatedReportDoesNotRepublishTheLinkUntilTheRefreshInterval() {
        run(FRA, UDP_TARGET, T0, 1400);
        fx.links.readRecordsToList();
        run(FRA, UDP_TARGET, T0.plusSeconds(20), 1400);
        assertThat(fx.links.isEmpty()).as("nothing changed but lastSeen, 20 s later").isTrue();
        run(FRA, UDP_TARGET, T0.plusSeconds(80), 1400);
        assertThat(fx.links.readValue().getLastSeen()).isEqualTo(T0.plusSeconds(80).plusMillis(3));
    }

    @Test
    void linkMtuDropOpensWhenTwoAgentsSeeItAndClosesWhenTheyStop() {
        run(FRA, UDP_TARGET, T0, 1400);
        assertThat(anomalies(AnomalyKind.LINK_MTU_DROP)).as("one agent is not enough").isEmpty();
        run(AMS, UDP_TARGET, T0.plusSeconds(30), 1400);
        List<AnomalyWindow> opened = anomalies(AnomalyKind.LINK_MTU_DROP);
        assertThat(opened).singleElement().satisfies(a -> {
            assertThat(a.getState()).isEqualTo(AnomalyState.OPENED);
            assertThat(a.getSubjectType()).isEqualTo(SubjectType.LINK);
            assertThat(a.getSubject()).isEqualTo(LINK);
            assertThat(a.getWorstPmtu()).isEqualTo(1400);
            assertThat(a.getAgents()).containsExactlyInAnyOrder("fra", "ams");
        });

        fx.advance(Duration.ofMinutes(10));
        assertThat(anomalies(AnomalyKind.LINK_MTU_DROP)).isEmpty();
        fx.advance(Duration.ofMinutes(7));
        List<AnomalyWindow> closed = anomalies(AnomalyKind.LINK_MTU_DROP);
        assertThat(closed).singleElement().satisfies(a -> {
            assertThat(a.getState()).isEqualTo(AnomalyState.CLOSED);
            assertThat(a.getId()).isEqualTo(opened.get(0).getId());
            assertThat(a.getEnd()).isNotNull();
        });
    }

    @Test
    void thePrivatePairOfTwoSitesIsTwoLinksWithoutALinkWideAnomaly() {
        Agent paris = Agent.newBuilder(ObservationFixtures.agent("par")).setLocation("Paris").build();
        run(FRA, UDP_TARGET, T0, 1400);
        run(paris, UDP_TARGET, T0.plusSeconds(30), 1400);

        assertThat(anomalies(AnomalyKind.LINK_MTU_DROP)).as("same addresses, different networks").isEmpty();
        assertThat(fx.links.readValuesToList()).extracting(LinkMtu::getLinkId).containsOnly(LINK,
                ObservationFixtures.ROUTER_2 + ">" + UDP_TARGET.getAddress() + "@site:Paris");
    }

    @Test
    void pmtuDropOpensAgainstThePathsBaselineAndClosesWhenThePmtuIsBack() {
        for (int i = 0; i < 3; i++) {
            run(FRA, UDP_TARGET, T0.plusSeconds(60L * i), 1500);
        }
        assertThat(anomalies(AnomalyKind.PMTU_DROP)).isEmpty();
        run(FRA, UDP_TARGET, T0.plusSeconds(180), 1400);
        List<AnomalyWindow> opened = anomalies(AnomalyKind.PMTU_DROP);
        assertThat(opened).singleElement().satisfies(a -> {
            assertThat(a.getState()).isEqualTo(AnomalyState.OPENED);
            assertThat(a.getBaselinePmtu()).isEqualTo(1500);
            assertThat(a.getWorstPmtu()).isEqualTo(1400);
            assertThat(a.getSubject()).isEqualTo(ObservationFixtures.pathId(FRA, UDP_TARGET));
        });
        run(FRA, UDP_TARGET, T0.plusSeconds(240), 1400);
        assertThat(anomalies(AnomalyKind.PMTU_DROP)).as("same value: no update").isEmpty();
        run(FRA, UDP_TARGET, T0.plusSeconds(300), 1500);
        assertThat(anomalies(AnomalyKind.PMTU_DROP)).singleElement().satisfies(a -> {
            assertThat(a.getState()).isEqualTo(AnomalyState.CLOSED);
            assertThat(a.getId()).isEqualTo(opened.get(0).getId());
            assertThat(a.getCount()).isEqualTo(3);
            assertThat(a.getEnd()).isEqualTo(T0.plusSeconds(300).plusMillis(3));
        });
    }

    @Test
    void aRunThatLostObservationsDoesNotCloseAPersistentFinding() {
        Target https = ObservationFixtures.target("10.9.3.8", Transport.TCP, 443);
        for (int minute = 0; minute <= 10; minute += 2) {
            run(FRA, https, T0.plusSeconds(60L * minute), 1400);
        }
        assertThat(anomalies(AnomalyKind.PERSISTENT_FINDING)).singleElement()
                .satisfies(a -> assertThat(a.getState()).isEqualTo(AnomalyState.OPENED));

        // A broker outage ate most of the next run: its handshake and first hop arrived, nothing else.
        Instant at = T0.plusSeconds(720);
        fx.handshakes.pipeInput(ObservationFixtures.pathId(FRA, https), ObservationFixtures.handshake(FRA, https, "lossy", at));
        fx.pipe(ObservationFixtures.run(FRA, https, "lossy", at, 1400).subList(0, 1));
        fx.advance(Duration.ofSeconds(61));
        assertThat(fx.diagnoses()).singleElement().satisfies(d -> assertThat(d.getComplete()).isFalse());
        assertThat(anomalies(AnomalyKind.PERSISTENT_FINDING)).as("an incomplete run says nothing about the fault being gone")
                .isEmpty();
        assertThat(fx.metrics.get(PipelineMetrics.Counter.INCOMPLETE_DIAGNOSES)).isEqualTo(1);

        run(FRA, https, T0.plusSeconds(840), 1400);
        run(FRA, https, T0.plusSeconds(900), 1500);
        assertThat(anomalies(AnomalyKind.PERSISTENT_FINDING)).extracting(AnomalyWindow::getState)
                .as("the window stayed open until a complete run without the finding").contains(AnomalyState.CLOSED);
    }

    @Test
    void aFindingThatPersistsOpensAWindowThatClosesWhenTheFindingIsGone() {
        Target https = ObservationFixtures.target("10.9.3.7", Transport.TCP, 443);
        for (int minute = 0; minute < 10; minute += 3) {
            run(FRA, https, T0.plusSeconds(60L * minute), 1400); // MSS 1460 over a 1400 path: OVERSIZED_MSS
        }
        List<AnomalyWindow> before = anomalies(AnomalyKind.PERSISTENT_FINDING);
        assertThat(before).as("9 minutes is not yet 10").isEmpty();
        run(FRA, https, T0.plusSeconds(600), 1400);
        List<AnomalyWindow> opened = anomalies(AnomalyKind.PERSISTENT_FINDING);
        assertThat(opened).singleElement().satisfies(a -> {
            assertThat(a.getState()).isEqualTo(AnomalyState.OPENED);
            assertThat(a.getFindingCode()).isEqualTo(FindingCode.OVERSIZED_MSS);
            assertThat(a.getStart()).isEqualTo(T0.plusMillis(3));
            assertThat(a.getCount()).isEqualTo(5);
        });
        run(FRA, https, T0.plusSeconds(660), 1500);
        assertThat(anomalies(AnomalyKind.PERSISTENT_FINDING)).singleElement().satisfies(a -> {
            assertThat(a.getState()).isEqualTo(AnomalyState.CLOSED);
            assertThat(a.getId()).isEqualTo(opened.get(0).getId());
        });
    }

    @Test
    void aFlappingPmtuOpensAWindowThatClosesOnceItIsSteady() {
        int[] pmtus = {1500, 1400, 1500, 1400, 1500};
        for (int i = 0; i < pmtus.length; i++) {
            run(FRA, UDP_TARGET, T0.plusSeconds(60L * i), pmtus[i]);
        }
        List<AnomalyWindow> opened = anomalies(AnomalyKind.PMTU_FLAPPING);
        assertThat(opened).singleElement().satisfies(a -> {
            assertThat(a.getState()).isEqualTo(AnomalyState.OPENED);
            assertThat(a.getChanges()).isEqualTo(4);
            assertThat(a.getWorstPmtu()).isEqualTo(1400);
        });
        run(FRA, UDP_TARGET, T0.plusSeconds(60L * 12), 1500); // the first changes leave the 10-minute window
        assertThat(anomalies(AnomalyKind.PMTU_FLAPPING)).singleElement().satisfies(a -> {
            assertThat(a.getState()).isEqualTo(AnomalyState.CLOSED);
            assertThat(a.getId()).isEqualTo(opened.get(0).getId());
        });
    }

    @Test
    void aPathThatStopsReportingAgesOutAndItsOpenWindowsClose() {
        for (int i = 0; i < 3; i++) {
            run(FRA, UDP_TARGET, T0.plusSeconds(60L * i), 1500);
        }
        run(FRA, UDP_TARGET, T0.plusSeconds(180), 1400);
        assertThat(anomalies(AnomalyKind.PMTU_DROP)).singleElement()
                .satisfies(a -> assertThat(a.getState()).isEqualTo(AnomalyState.OPENED));
        KeyValueStore<String, Object> paths = fx.driver.getKeyValueStore(PathTracker.PATH_DIAGNOSES_STORE);
        String pathId = ObservationFixtures.pathId(FRA, UDP_TARGET);
        assertThat(paths.get(pathId)).isNotNull();

        fx.advance(Duration.ofMinutes(25));
        assertThat(paths.get(pathId)).isNotNull();
        fx.advance(Duration.ofMinutes(7));
        assertThat(paths.get(pathId)).isNull();
        assertThat(fx.driver.getKeyValueStore(PathTracker.PATH_STATE_STORE).get(pathId)).isNull();
        assertThat(anomalies(AnomalyKind.PMTU_DROP)).singleElement().satisfies(a -> {
            assertThat(a.getState()).isEqualTo(AnomalyState.CLOSED);
            assertThat(a.getMessage()).contains("stopped reporting");
        });
        assertThat(fx.metrics.get(Counter.PATHS_AGED_OUT)).isEqualTo(1);
    }

    @Test
    void aLinkThatStopsBeingReportedAgesOutWithATombstone() {
        run(FRA, UDP_TARGET, T0, 1400);
        run(AMS, UDP_TARGET, T0.plusSeconds(5), 1400);
        fx.links.readRecordsToList();
        fx.advance(Duration.ofMinutes(35));
        LinkMtu thinner = fx.links.readValue();
        assertThat(thinner.getPathCount()).as("the paths aged out of the link after the path retention").isZero();

        fx.advance(Duration.ofMinutes(90));
        TestRecord<String, LinkMtu> tombstone = fx.links.readRecord();
        assertThat(tombstone.key()).isEqualTo(LINK);
        assertThat(tombstone.value()).isNull();
        KeyValueStore<String, Object> members = fx.driver.getKeyValueStore(LinkAggregator.LINK_MEMBERS_STORE);
        try (var all = members.all()) {
            assertThat(all.hasNext()).as("no member of the link left").isFalse();
        }
        assertThat(fx.driver.getKeyValueStore(LinkAggregator.LINKS_STORE).get(LINK)).isNull();
    }

    @Test
    void churningRunsLeaveNoAssemblyStateBehind() {
        for (int i = 0; i < 50; i++) {
            Target target = ObservationFixtures.target("10.30.0." + i, Transport.UDP, 33434);
            run(FRA, target, T0.plusSeconds(i), 1500);
        }
        fx.advance(Duration.ofMinutes(11)); // past the dedup retention
        for (String store : List.of("runs")) {
            KeyValueStore<Object, Object> kv = fx.driver.getKeyValueStore(store);
            try (var all = kv.all()) {
                List<KeyValue<Object, Object>> left = new java.util.ArrayList<>();
                all.forEachRemaining(left::add);
                assertThat(left).as(store).isEmpty();
            }
        }
    }
}
