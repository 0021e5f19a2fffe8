package io.pmtuwatch.probe.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.pmtuwatch.lab.EcmpLab;
import io.pmtuwatch.schemas.FindingCode;
import io.pmtuwatch.schemas.PathDiagnosis;
import java.net.InetAddress;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A Linux multipath route with the per-flow L4 hash, one member crossing a 1400 link: every run
 * names the narrow member (router, MTU, "only some flows"), none reports the path as OK; and
 * enough flows find it whatever the hash seed.
 */
@Tag("root")
class EcmpLabTest {

    /**
     * The defaults: the lab fixes the kernel's hash seed ({@link EcmpLab#HASH_SEED}), so which member
     * each of the tracer's fixed source ports takes is the same in every lab; the flows keep their
     * ports from run to run, so every run agrees.
     */
    private static final TraceSettings SETTINGS = TraceSettings.defaults();

    /** Seed 2: the first flow takes the wide member, the second the narrow one; seed 3 the other way round. */
    @ParameterizedTest(name = "hash seed {0}")
    @ValueSource(ints = {2, 3})
    void everyRunShowsTheNarrowMember(int seed) throws Exception {
        try (EcmpLab lab = EcmpLab.build(false, seed)) {
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
                // Not the member's exact hop list: on a multipath host Linux looks a connected socket's
                // route up again without its ports after a packet-too-big, which may move the flow to
                // the other member for the rest of its walk (see EcmpLab).
                assertThat(d.getEcmpMembers().get(0).getHops()).as(text).endsWith(EcmpLab.SERVER);
                assertThat(d.getEcmpMembers().get(0).getLimitingRouter()).isEqualTo(EcmpLab.NARROW_ROUTER);
                assertThat(d.getEcmpMembers().get(1).getPmtu()).isEqualTo(1500);
                assertThat(d.getFindings()).as(text).anySatisfy(f -> {
                    assertThat(f.getCode()).isEqualTo(FindingCode.ECMP_NARROW_MEMBER);
                    assertThat(f.getHop()).isEqualTo(EcmpLab.NARROW_ROUTER);
                });
            }
        }
    }

    /**
     * Seed 1 puts the first five flows on the wide member: the defaults miss the narrow one (as a
     * random seed does for about one path in eight); more flows (24, stopping after 8 quiet ones) find it.
     */
    @Test
    void moreFlowsFindTheNarrowMemberToo() throws Exception {
        try (EcmpLab lab = EcmpLab.build(false, 1)) {
            LabTraces.Traced t = trace(lab, TraceSettings.defaults().withFlows(24, 8));
            assertThat(t.diagnosis().getPmtu()).as("%s", t).isEqualTo(EcmpLab.NARROW_MTU);
            assertThat(t.diagnosis().getEcmpMembers()).as("%s", t).hasSize(2);
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
        return LabTraces.diagnosed(lab.agent().call(() -> new PathTracer(settings).trace(target)), target, 443);
    }
}
