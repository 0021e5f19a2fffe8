package io.pmtuwatch.stream.topology.anomaly;

import io.pmtuwatch.schemas.AnomalyState;
import io.pmtuwatch.schemas.AnomalyWindow;
import io.pmtuwatch.schemas.FindingCode;
import io.pmtuwatch.schemas.Severity;
import io.pmtuwatch.stream.config.AnomalySettings;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The anomaly detectors alone: state in, events out, no Kafka. */
class DetectorsTest {

    private static final AnomalySettings SETTINGS = AnomalySettings.defaults();
    private static final long MIN = 60_000;

    private static PathSample sample(long atMs, Integer pmtu, Map<FindingCode, Severity> findings) {
        return new PathSample("p", "a", atMs, pmtu, findings, true);
    }

    private static PathSample incomplete(long atMs, Map<FindingCode, Severity> findings) {
        return new PathSample("p", "a", atMs, null, findings, false);
    }

    @Test
    void anIncompleteRunNeitherClosesAPersistentFindingNorBreaksItsStreak() {
        PersistentFindingDetector detector = new PersistentFindingDetector(SETTINGS);
        Map<FindingCode, FindingStreak> streaks = new EnumMap<>(FindingCode.class);
        Map<FindingCode, Severity> oversized = Map.of(FindingCode.OVERSIZED_MSS, Severity.WARNING);
        detector.onSample(streaks, sample(0, 1400, oversized));
        assertThat(detector.onSample(streaks, sample(11 * MIN, 1400, oversized))).singleElement()
                .satisfies(a -> assertThat(a.getState()).isEqualTo(AnomalyState.OPENED));
        assertThat(detector.onSample(streaks, incomplete(12 * MIN, Map.of())))
                .as("a run that lost observations says nothing about the fault being gone").isEmpty();
        assertThat(streaks).containsKey(FindingCode.OVERSIZED_MSS);
        assertThat(detector.onSample(streaks, sample(13 * MIN, 1500, Map.of()))).singleElement()
                .satisfies(a -> assertThat(a.getState()).isEqualTo(AnomalyState.CLOSED));
    }

    private static PathSample sample(long atMs, Integer pmtu) {
        return sample(atMs, pmtu, Map.of());
    }

    @Test
    void theDropBaselineIsAMedianSoOneOddRunDoesNotMoveIt() {
        PmtuDropDetector detector = new PmtuDropDetector(SETTINGS);
        PmtuDropState state = new PmtuDropState();
        assertThat(detector.onSample(state, sample(0, 1400))).as("no baseline yet").isEmpty();
        detector.onSample(state, sample(1, 1500));
        detector.onSample(state, sample(2, 1500));
        assertThat(detector.onSample(state, sample(3, 1500))).as("1400 is the odd one; baseline 1500").isEmpty();
        List<AnomalyWindow> opened = detector.onSample(state, sample(4, 1280));
        assertThat(opened).singleElement().satisfies(a -> {
            assertThat(a.getBaselinePmtu()).isEqualTo(1500);
            assertThat(a.getState()).isEqualTo(AnomalyState.OPENED);
        });
        assertThat(detector.onSample(state, sample(5, null))).as("no PMTU, no judgement").isEmpty();
    }

    @Test
    void aLastingDropBecomesTheNewBaseline() {
        PmtuDropDetector detector = new PmtuDropDetector(SETTINGS);
        PmtuDropState state = new PmtuDropState();
        for (int i = 0; i < 3; i++) {
            detector.onSample(state, sample(i, 1500));
        }
        detector.onSample(state, sample(10, 1400));
        List<AnomalyWindow> closed = detector.onSample(state, sample(10 + 61 * MIN, 1400));
        assertThat(closed).singleElement().satisfies(a -> {
            assertThat(a.getState()).isEqualTo(AnomalyState.CLOSED);
            assertThat(a.getMessage()).contains("new baseline");
        });
        assertThat(detector.onSample(state, sample(11 + 61 * MIN, 1400))).isEmpty();
    }

    @Test
    void aDeeperDropUpdatesTheWindowWithItsWorstValue() {
        PmtuDropDetector detector = new PmtuDropDetector(SETTINGS);
        PmtuDropState state = new PmtuDropState();
        for (int i = 0; i < 3; i++) {
            detector.onSample(state, sample(i, 1500));
        }
        String id = detector.onSample(state, sample(3, 1450)).get(0).getId();
        assertThat(detector.onSample(state, sample(4, 1400))).singleElement().satisfies(a -> {
            assertThat(a.getState()).isEqualTo(AnomalyState.UPDATED);
            assertThat(a.getWorstPmtu()).isEqualTo(1400);
            assertThat(a.getId()).isEqualTo(id);
        });
    }

    @Test
    void infoFindingsNeverPersistAndAMissingFindingResetsTheStreak() {
        PersistentFindingDetector detector = new PersistentFindingDetector(SETTINGS);
        Map<FindingCode, FindingStreak> streaks = new EnumMap<>(FindingCode.class);
        Map<FindingCode, Severity> info = Map.of(FindingCode.MTU_DROP, Severity.INFO);
        Map<FindingCode, Severity> blackHole = Map.of(FindingCode.PMTUD_FAILURE, Severity.CRITICAL);
        assertThat(detector.onSample(streaks, sample(0, 1400, info))).isEmpty();
        assertThat(detector.onSample(streaks, sample(20 * MIN, 1400, info))).isEmpty();

        detector.onSample(streaks, sample(0, 1400, blackHole));
        detector.onSample(streaks, sample(5 * MIN, 1400, Map.of()));
        assertThat(detector.onSample(streaks, sample(11 * MIN, 1400, blackHole))).as("streak restarted at 11 min").isEmpty();
        assertThat(detector.onSample(streaks, sample(21 * MIN, 1400, blackHole))).singleElement()
                .satisfies(a -> assertThat(a.getFindingCode()).isEqualTo(FindingCode.PMTUD_FAILURE));
        assertThat(detector.onSample(streaks, sample(22 * MIN, 1400, blackHole))).as("no record per run").isEmpty();
        assertThat(detector.onSample(streaks, sample(31 * MIN, 1400, blackHole))).singleElement()
                .satisfies(a -> assertThat(a.getState()).isEqualTo(AnomalyState.UPDATED));
    }

    @Test
    void flappingCountsChangesInTheSlidingWindowOnly() {
        FlappingDetector detector = new FlappingDetector(SETTINGS);
        FlappingState state = new FlappingState();
        int[] values = {1500, 1400, 1500, 1400};
        for (int i = 0; i < values.length; i++) {
            assertThat(detector.onSample(state, sample(i * 5 * MIN, values[i]))).as("changes at 5, 10, 15 min").isEmpty();
        }
        assertThat(detector.onSample(state, sample(16 * MIN, 1500))).as("changes at 10, 15, 16: the one at 5 left the window")
                .isEmpty();
        assertThat(detector.onSample(state, sample(17 * MIN, 1400))).singleElement()
                .satisfies(a -> assertThat(a.getState()).isEqualTo(AnomalyState.OPENED));
    }

    @Test
    void aLinkDropNeedsTwoRecentAgents() {
        LinkDropDetector detector = new LinkDropDetector(SETTINGS);
        LinkDropState state = new LinkDropState();
        assertThat(detector.onReport(state, "r>n", "a1", "p1", 1400, 0, 0)).isEmpty();
        assertThat(detector.onReport(state, "r>n", "a1", "p2", 1400, MIN, MIN)).as("same agent twice").isEmpty();
        assertThat(detector.onReport(state, "r>n", "a2", "p3", 1400, 17 * MIN, 17 * MIN))
                .as("a1 is 16 min old, outside the 15 min window").isEmpty();
        assertThat(detector.onReport(state, "r>n", "a1", "p1", 1400, 18 * MIN, 18 * MIN)).singleElement()
                .satisfies(a -> assertThat(a.getAgents()).containsExactlyInAnyOrder("a1", "a2"));
        assertThat(detector.onTick(state, "r>n", 20 * MIN)).isEmpty();
        assertThat(detector.onTick(state, "r>n", 33 * MIN)).singleElement()
                .satisfies(a -> assertThat(a.getEnd().toEpochMilli()).isEqualTo(18 * MIN));
    }

    @Test
    void windowIdsAreStableAcrossReplays() {
        OpenWindow a = OpenWindow.open(io.pmtuwatch.schemas.AnomalyKind.PMTU_DROP, io.pmtuwatch.schemas.SubjectType.PATH, "p", null, 42);
        OpenWindow b = OpenWindow.open(io.pmtuwatch.schemas.AnomalyKind.PMTU_DROP, io.pmtuwatch.schemas.SubjectType.PATH, "p", null, 42);
        assertThat(a.id).isEqualTo(b.id).isEqualTo("pmtu_drop:p:42");
    }
}
