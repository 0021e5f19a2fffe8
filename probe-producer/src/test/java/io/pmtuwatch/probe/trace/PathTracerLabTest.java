package io.pmtuwatch.probe.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.pmtuwatch.lab.ChainSpec;
import io.pmtuwatch.lab.ExpectedBlackHole;
import io.pmtuwatch.lab.ExpectedDrop;
import io.pmtuwatch.lab.Family;
import io.pmtuwatch.lab.GroundTruth;
import io.pmtuwatch.lab.Lab;
import io.pmtuwatch.lab.Topologies;
import io.pmtuwatch.schemas.BlackHole;
import io.pmtuwatch.schemas.MtuDrop;
import io.pmtuwatch.schemas.PathDiagnosis;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The tracer + diagnosis against the ground truth of every lab topology, IPv4 and IPv6. */
@Tag("root")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PathTracerLabTest {

    private final LabTraces labs = new LabTraces();

    @AfterAll
    void tearDown() {
        labs.close();
    }

    Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (ChainSpec spec : Topologies.all()) {
            cases.add(Arguments.of(spec, Family.V4));
            if (spec.carriesIpv6()) {
                cases.add(Arguments.of(spec, Family.V6));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void findsTheGroundTruth(ChainSpec spec, Family family) throws Exception {
        Lab lab = labs.lab(spec);
        GroundTruth truth = lab.truth();
        LabTraces.Traced traced = LabTraces.trace(lab, family, TraceSettings.defaults());
        PathDiagnosis d = traced.diagnosis();

        assertThat(d.getPmtu()).as("PMTU\n%s", traced).isEqualTo(truth.pmtu());
        assertThat(d.getLocalMtu()).isEqualTo(truth.localMtu());
        for (ExpectedDrop drop : truth.drops(family)) {
            if (drop.ptbReachesAgent()) {
                assertThat(d.getMtuDrops()).as("drops\n%s", traced).anySatisfy(actual -> assertDrop(actual, drop));
            }
        }
        Optional<ExpectedBlackHole> hole = truth.blackHole(family);
        if (hole.isPresent()) {
            BlackHole actual = d.getBlackHole();
            assertThat(actual).as("black hole\n%s", traced).isNotNull();
            assertThat(actual.getDetected()).as("detected\n%s", traced).isTrue();
            assertThat(actual.getRouter()).as("router\n%s", traced).isEqualTo(hole.get().router());
            assertThat(actual.getLastRespondingTtl()).isEqualTo(hole.get().lastRespondingTtl());
            assertThat(actual.getLargestOk()).isEqualTo(hole.get().pmtu());
            assertThat(actual.getSmallestLost()).isEqualTo(hole.get().pmtu() + 1);
        } else {
            assertThat(d.getBlackHole() == null || !d.getBlackHole().getDetected()).as("no black hole\n%s", traced)
                    .isTrue();
        }
        assertThat(d.getHops()).as("hops\n%s", traced).hasSizeGreaterThanOrEqualTo(truth.serverTtl());
        assertThat(d.getHops().get(truth.serverTtl() - 1).getAddress()).isEqualTo(truth.serverAddress(family));
        assertThat(d.getInvalidPtbCount()).isZero();
    }

    /**
     * Without ICMP echo the size search asks the target with UDP, whose port unreachables Linux
     * rate-limits (a burst of about 6, then about 1/s): still the right PMTU and router, only slower.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("blackHoles")
    void udpOnlySizeSearchIsNotFooledByRateLimiting(ChainSpec spec, Family family) throws Exception {
        Lab lab = labs.lab(spec);
        LabTraces.Traced traced = LabTraces.trace(lab, family, TraceSettings.defaults().withEchoSizeSearch(false));
        ExpectedBlackHole hole = lab.truth().blackHole(family).orElseThrow();
        assertThat(traced.diagnosis().getPmtu()).as("%s", traced).isEqualTo(hole.pmtu());
        assertThat(traced.diagnosis().getBlackHole().getRouter()).as("%s", traced).isEqualTo(hole.router());
        assertThat(traced.observations()).filteredOn(o -> o.getPhase() == io.pmtuwatch.schemas.ProbePhase.SIZE_SEARCH)
                .allMatch(o -> o.getMethod() == io.pmtuwatch.schemas.ProbeMethod.UDP);
    }

    Stream<Arguments> blackHoles() {
        return Stream.of(Arguments.of(Topologies.blackHole(), Family.V4), Arguments.of(Topologies.lossyBlackHole(), Family.V4),
                Arguments.of(Topologies.ipv6BlackHole(), Family.V6));
    }

    /** Where tracepath is right (no black hole, no loss), it and we agree on the PMTU and the drop router. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("tracepathCases")
    void agreesWithTracepath(ChainSpec spec, Family family) throws Exception {
        Lab lab = labs.lab(spec);
        String address = lab.truth().serverAddress(family);
        String tracepath = lab.exec(0, "tracepath -n " + (family == Family.V4 ? "-4 " : "-6 ") + address);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("pmtu (\\d+)").matcher(tracepath);
        Integer theirs = null;
        while (m.find()) {
            theirs = Integer.parseInt(m.group(1));
        }
        LabTraces.Traced ours = LabTraces.trace(lab, family, TraceSettings.defaults());
        assertThat(ours.diagnosis().getPmtu()).as("tracepath said:\n%s\nwe:\n%s", tracepath, ours).isEqualTo(theirs);
        for (MtuDrop drop : ours.diagnosis().getMtuDrops()) {
            assertThat(tracepath).contains(drop.getRouter());
        }
    }

    Stream<Arguments> tracepathCases() {
        List<Arguments> cases = new ArrayList<>();
        for (ChainSpec spec : List.of(Topologies.clean(), Topologies.mtu1400(), Topologies.vxlan(), Topologies.below576(),
                Topologies.ipv6Tunnel1280())) {
            cases.add(Arguments.of(spec, Family.V4));
            if (spec.carriesIpv6()) {
                cases.add(Arguments.of(spec, Family.V6));
            }
        }
        return cases.stream();
    }

    private static void assertDrop(MtuDrop actual, ExpectedDrop expected) {
        assertThat(actual.getRouter()).isEqualTo(expected.router());
        assertThat(actual.getRouterTtl()).isEqualTo(expected.routerTtl());
        assertThat(actual.getNextHop()).isEqualTo(expected.nextHop());
        assertThat(actual.getToMtu()).isEqualTo(expected.toMtu());
    }
}
