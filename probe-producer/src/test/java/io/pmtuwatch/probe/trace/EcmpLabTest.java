package io.pmtuwatch.probe.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.pmtuwatch.diagnosis.DiagnosisContext;
import io.pmtuwatch.diagnosis.PathDiagnoser;
import io.pmtuwatch.lab.EcmpLab;
import io.pmtuwatch.schemas.Agent;
import io.pmtuwatch.schemas.FindingCode;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.Transport;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A Linux multipath route with the per-flow L4 hash, one member crossing a 1400 link: every run
 * names the narrow member (router, MTU, "only some flows"), none reports the path as OK.
 */
@Tag("root")
class EcmpLabTest {

    /**
     * Enough flows that missing the narrow member of two equal ones is a 1-in-2^9 event for the
     * kernel's hash seed; the flows keep their ports from run to run, so every run agrees.
     */
    private static final TraceSettings SETTINGS = TraceSettings.defaults().withFlows(24, 8);

    @Test
    void everyRunShowsTheNarrowMember() throws Exception {
        try (EcmpLab lab = EcmpLab.build(false)) {
            for (int run = 0; run < 3; run++) {
                LabTraces.Traced t = trace(lab, SETTINGS);
                PathDiagnosis d = t.diagnosis();
                String text = t.toString();
                assertThat(d.getPmtu()).as(text).isEqualTo(EcmpLab.NARROW_MTU);
                assertThat(d.getMtuDrops()).as(text).anySatisfy(drop -> {
                    assertThat(drop.getRouter()).isEqualTo(EcmpLab.NARROW_ROUTER);
                    assertThat(drop.getToMtu()).isEqualTo(EcmpLab.NARROW_MTU);
                });
                assertThat(d.getEcmpMembers()).as(text).hasSize(2);
                assertThat(d.getEcmpMembers().get(0).getHops()).as(text)
                        .containsExactly(EcmpLab.R1, EcmpLab.NARROW_ROUTER, EcmpLab.R3, EcmpLab.SERVER);
                assertThat(d.getEcmpMembers().get(1).getPmtu()).isEqualTo(1500);
                assertThat(d.getFindings()).as(text).anySatisfy(f -> {
                    assertThat(f.getCode()).isEqualTo(FindingCode.ECMP_NARROW_MEMBER);
                    assertThat(f.getHop()).isEqualTo(EcmpLab.NARROW_ROUTER);
                });
            }
        }
    }

    @Test
    void aNarrowMemberBehindABlackHoleIsFoundToo() throws Exception {
        try (EcmpLab lab = EcmpLab.build(true)) {
            LabTraces.Traced t = trace(lab, SETTINGS);
            PathDiagnosis d = t.diagnosis();
            String text = t.toString();
            assertThat(d.getPmtu()).as(text).isEqualTo(EcmpLab.NARROW_MTU);
            assertThat(d.getBlackHole()).as(text).isNotNull();
            assertThat(d.getBlackHole().getRouter()).as(text).isEqualTo(EcmpLab.NARROW_ROUTER);
            assertThat(d.getFindings()).extracting(f -> f.getCode()).as(text)
                    .contains(FindingCode.ECMP_NARROW_MEMBER, FindingCode.PMTUD_FAILURE);
        }
    }

    static LabTraces.Traced trace(EcmpLab lab, TraceSettings settings) throws Exception {
        InetAddress target = InetAddress.getByName(EcmpLab.SERVER);
        TraceRun run = lab.agent().call(() -> new PathTracer(settings).trace(target));
        TraceIdentity identity = new TraceIdentity(Agent.newBuilder().setId("lab-agent").build(),
                AddressText.of(target), target, 443, Transport.TCP);
        List<HopObservation> observations = TraceObservations.of(run, identity, TraceObservations.newRunId());
        return new LabTraces.Traced(run, observations,
                new PathDiagnoser().diagnose(observations, Optional.empty(), DiagnosisContext.completeRun()));
    }
}
