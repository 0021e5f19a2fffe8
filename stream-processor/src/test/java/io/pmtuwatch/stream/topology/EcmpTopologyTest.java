package io.pmtuwatch.stream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.pmtuwatch.schemas.FindingCode;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.HopOutcome;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.ProbePhase;
import io.pmtuwatch.stream.ObservationFixtures;
import io.pmtuwatch.stream.config.RawConfig;
import io.pmtuwatch.stream.config.Settings;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that explored ECMP flows goes through the topology with its flow identities: the diagnosis
 * is the narrow member's, lists both members and says that only some flows are affected.
 */
class EcmpTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private static final String R1 = "10.9.1.1";
    private static final String WIDE = "10.9.2.1";
    private static final String NARROW = "10.9.2.2";

    @TempDir
    Path stateDir;

    @Test
    void membersAndTheNarrowMemberFindingPassThrough() {
        try (TopologyFixture fx = new TopologyFixture(stateDir, RawConfig.empty().with(Settings.RUN_TIMEOUT, "30s"))) {
            fx.handshakes.pipeInput(ObservationFixtures.PATH_ID, ObservationFixtures.handshake("ecmp-1", T0));
            fx.pipe(run("ecmp-1"));
            PathDiagnosis d = fx.diagnoses.readValue();
            assertThat(d.getPmtu()).isEqualTo(1400);
            assertThat(d.getEcmpMembers()).hasSize(2);
            assertThat(d.getEcmpMembers().get(0).getLimitingRouter()).isEqualTo(NARROW);
            assertThat(d.getEcmpMembers().get(0).getSourcePort()).isEqualTo(61001);
            assertThat(d.getEcmpMembers().get(1).getFlows()).containsExactly(0, 2);
            assertThat(d.getFindings()).anySatisfy(f -> {
                assertThat(f.getCode()).isEqualTo(FindingCode.ECMP_NARROW_MEMBER);
                assertThat(f.getHop()).isEqualTo(NARROW);
            });
        }
    }

    /** Flow 0 walks the wide member; flow 1 meets a packet-too-big and is walked; flow 2 fits. */
    private static List<HopObservation> run(String runId) {
        String target = ObservationFixtures.TARGET.getAddress();
        List<HopObservation> hops = new ArrayList<>();
        add(hops, runId, 0, ProbePhase.HOP_TRACE, 1, 1500, HopOutcome.TIME_EXCEEDED, R1, null);
        add(hops, runId, 0, ProbePhase.HOP_TRACE, 2, 1500, HopOutcome.TIME_EXCEEDED, WIDE, null);
        add(hops, runId, 0, ProbePhase.HOP_TRACE, 3, 1500, HopOutcome.DESTINATION_REACHED, target, null);
        add(hops, runId, 1, ProbePhase.SIZE_SEARCH, 64, 1500, HopOutcome.PACKET_TOO_BIG, NARROW, 1400);
        add(hops, runId, 1, ProbePhase.HOP_TRACE, 1, 1500, HopOutcome.TIME_EXCEEDED, R1, null);
        add(hops, runId, 1, ProbePhase.HOP_TRACE, 2, 1500, HopOutcome.TIME_EXCEEDED, NARROW, null);
        add(hops, runId, 1, ProbePhase.HOP_TRACE, 3, 1500, HopOutcome.PACKET_TOO_BIG, NARROW, 1400);
        add(hops, runId, 1, ProbePhase.HOP_TRACE, 3, 1400, HopOutcome.DESTINATION_REACHED, target, null);
        add(hops, runId, 2, ProbePhase.SIZE_SEARCH, 64, 1500, HopOutcome.DESTINATION_REACHED, target, null);
        HopObservation last = hops.get(hops.size() - 1);
        last.setLastInRun(true);
        last.setRunProbeCount(hops.size());
        return hops;
    }

    private static void add(List<HopObservation> hops, String runId, int flow, ProbePhase phase, int ttl, int size,
            HopOutcome outcome, String responder, Integer mtu) {
        HopObservation o = ObservationFixtures.hop(ObservationFixtures.AGENT, ObservationFixtures.TARGET, runId,
                hops.size(), ttl, size, outcome, responder, mtu, T0.plusMillis(hops.size()));
        o.setPhase(phase);
        o.setFlow(flow);
        o.setSourcePort(61000 + flow);
        hops.add(o);
    }
}
