package io.pmtuwatch.stream.topology.internals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pmtuwatch.schemas.AnomalyKind;
import io.pmtuwatch.schemas.FindingCode;
import io.pmtuwatch.schemas.Severity;
import io.pmtuwatch.schemas.SubjectType;
import io.pmtuwatch.stream.topology.anomaly.FindingStreak;
import io.pmtuwatch.stream.topology.anomaly.OpenWindow;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class CompactStateFormatsTest {

    @Test
    void aPathsAnomalyStateReadsBackFieldForField() {
        PathAnomalyState state = new PathAnomalyState();
        state.lastSeenWallMs = 1_764_000_000_123L;
        state.latestSampleMs = 1_764_000_000_000L;
        state.drop.recent.addAll(List.of(1500, 1400, 1500));
        state.drop.open = window(AnomalyKind.PMTU_DROP, null);
        state.drop.open.baselinePmtu = 1500;
        state.drop.open.worstPmtu = 1400;
        FindingStreak streak = new FindingStreak();
        streak.sinceMs = 10;
        streak.lastMs = 20;
        streak.count = 3;
        streak.open = window(AnomalyKind.PERSISTENT_FINDING, FindingCode.OVERSIZED_MSS);
        state.findings.put(FindingCode.OVERSIZED_MSS, streak);
        state.findings.put(FindingCode.MTU_DROP, new FindingStreak());
        state.flapping.lastPmtu = 1280;
        state.flapping.changeTimes.addAll(List.of(5L, -7L, Long.MAX_VALUE));
        state.flapping.values.addAll(List.of(1400, 1280, -1));
        state.latestStatus = new StatusStreak.Previous(Instant.ofEpochMilli(99), Severity.CRITICAL, Instant.ofEpochMilli(42));

        PathAnomalyState back = roundTrip(PathAnomalyStateFormat.serde(), state);

        assertThat(back).usingRecursiveComparison().isEqualTo(state);
        assertThat(back.openWindows()).hasSize(2);
    }

    @Test
    void aNewPathsStateWithNothingOpenReadsBack() {
        PathAnomalyState state = new PathAnomalyState();

        PathAnomalyState back = roundTrip(PathAnomalyStateFormat.serde(), state);

        assertThat(back).usingRecursiveComparison().isEqualTo(state);
        assertThat(back.latestSampleMs).isEqualTo(Long.MIN_VALUE);
        assertThat(back.latestStatus).isNull();
    }

    @Test
    void aLinksStateReadsBackWithItsAgentsInOrder() {
        LinkState state = new LinkState();
        state.linkId = "10.0.0.1>10.0.0.2";
        state.router = "10.0.0.1";
        state.nextHop = null;
        state.ipVersion = "IPV4";
        state.mtu = 1400;
        state.fromMtu = 1500;
        state.likelyCause = "IPsec ESP tunnel (likely) – ü";
        state.firstSeenMs = 1;
        state.lastSeenMs = 2;
        state.lastSeenWallMs = 3;
        state.pathCount = 70_000;
        state.agentCount = 2;
        state.recentPaths.addAll(List.of("p2", "p1"));
        state.recentAgents.addAll(List.of("a2", "a1"));
        state.lastPublishedDigest = "-12345";
        state.drop.agents.put("z-agent", 7L);
        state.drop.agents.put("a-agent", 5L);
        state.drop.lastReportMs = 9;
        state.drop.open = window(AnomalyKind.LINK_MTU_DROP, null);

        LinkState back = roundTrip(LinkStateFormat.serde(), state);

        assertThat(back).usingRecursiveComparison().isEqualTo(state);
        assertThat(back.drop.agents.keySet()).containsExactly("z-agent", "a-agent");
        assertThat(back.lastPublishedLastSeenMs).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void aLinkReportReadsBack() {
        LinkReport report = new LinkReport();
        report.linkId = "r>*";
        report.router = "r";
        report.nextHop = "*";
        report.ipVersion = "IPV6";
        report.mtu = 1280;
        report.fromMtu = null;
        report.likelyCause = null;
        report.pathId = "agent|2001:db8::1|tcp|443|v6";
        report.agentId = "agent";
        report.atMs = 1_764_000_000_000L;

        LinkReport back = roundTrip(LinkReportFormat.serde(), report);

        assertThat(back).usingRecursiveComparison().isEqualTo(report);
    }

    /** A repartition record as the previous release wrote it (its JsonSerde), still in the topic at the upgrade. */
    @Test
    void aLinkReportTheEarlierReleaseWroteStillReads() {
        String json = "{\"linkId\":\"10.9.1.1>10.9.2.1\",\"router\":\"10.9.1.1\",\"nextHop\":\"10.9.2.1\",\"ipVersion\":\"IPV4\","
                + "\"mtu\":1400,\"fromMtu\":1500,\"likelyCause\":null,\"pathId\":\"p\",\"agentId\":\"a\",\"atMs\":1764000000000}";

        LinkReport report = LinkReportFormat.serde().deserializer().deserialize("t", json.getBytes(StandardCharsets.UTF_8));

        assertThat(report.linkId).isEqualTo("10.9.1.1>10.9.2.1");
        assertThat(report.mtu).isEqualTo(1400);
        assertThat(report.fromMtu).isEqualTo(1500);
        assertThat(report.likelyCause).isNull();
        assertThat(report.agentId).isEqualTo("a");
        assertThat(report.atMs).isEqualTo(1_764_000_000_000L);
    }

    @Test
    void theCompactFormIsMuchSmallerThanJson() {
        LinkReport report = new LinkReport();
        report.linkId = "100.64.0.4>100.64.3.5";
        report.router = "100.64.0.4";
        report.nextHop = "100.64.3.5";
        report.ipVersion = "IPV4";
        report.mtu = 1400;
        report.fromMtu = 1500;
        report.pathId = "bench-agent-3|198.18.0.3|udp|33434|v4";
        report.agentId = "bench-agent-3";

        byte[] compact = LinkReportFormat.serde().serializer().serialize("t", report);
        byte[] json = new JsonSerde<>(LinkReport.class).serializer().serialize("t", report);

        assertThat(compact.length).isLessThan(json.length * 2 / 3);
        assertThat(compact[0]).isEqualTo((byte) 1);
    }

    @Test
    void aDamagedValueFailsInsteadOfReadingNonsense() {
        Serde<LinkState> serde = LinkStateFormat.serde();
        LinkState state = new LinkState();
        state.linkId = "x>y";
        byte[] bytes = serde.serializer().serialize("t", state);

        assertThatThrownBy(() -> serde.deserializer().deserialize("t", Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("LinkState");
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", Arrays.copyOf(bytes, bytes.length + 1)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("unexpected bytes");
        byte[] newer = bytes.clone();
        newer[0] = 9;
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", newer))
                .isInstanceOf(SerializationException.class).hasMessageContaining("state version 9");
    }

    @Test
    void aFindingCodeThisBuildDoesNotKnowIsDropped() {
        PathAnomalyState state = new PathAnomalyState();
        state.findings.put(FindingCode.OVERSIZED_MSS, new FindingStreak());
        state.findings.put(FindingCode.PTB_IGNORED, new FindingStreak());
        byte[] bytes = PathAnomalyStateFormat.serde().serializer().serialize("t", state);
        // A newer build's code of the same length stands in for one this build lacks.
        byte[] renamed = replace(bytes, "PTB_IGNORED", "PTB_FUTURED");

        PathAnomalyState back = PathAnomalyStateFormat.serde().deserializer().deserialize("t", renamed);

        assertThat(back.findings).containsOnlyKeys(FindingCode.OVERSIZED_MSS);
    }

    private static OpenWindow window(AnomalyKind kind, FindingCode code) {
        OpenWindow window = OpenWindow.open(kind, kind == AnomalyKind.LINK_MTU_DROP ? SubjectType.LINK : SubjectType.PATH,
                "subject-" + kind, code, 1_764_000_000_000L);
        window.lastEmittedMs = 17;
        window.count = 4;
        window.changes = 2;
        window.agents.add("agent-1");
        window.paths.addAll(List.of("path-1", "path-2"));
        return window;
    }

    private static <T> T roundTrip(Serde<T> serde, T value) {
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", value));
    }

    private static byte[] replace(byte[] bytes, String from, String to) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        assertThat(text).contains(from);
        return text.replace(from, to).getBytes(StandardCharsets.ISO_8859_1);
    }
}
