package io.pmtuwatch.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every topology builds, tracepath (where it is right) agrees with the ground truth, and close() removes it all. */
@Tag("root")
class LabBuildTest {

    static java.util.List<ChainSpec> topologies() {
        return Topologies.all();
    }

    @ParameterizedTest
    @MethodSource("topologies")
    void buildsAndTearsDown(ChainSpec spec) {
        Lab lab = Lab.build(spec);
        try {
            GroundTruth truth = lab.truth();
            if (truth.blackHole(Family.V4).isEmpty() && spec.loss().isEmpty() && !spec.udpFiltered()) {
                String out = lab.exec(0, "tracepath -4 -n " + truth.serverAddress(Family.V4));
                assertThat(out).contains("pmtu " + truth.pmtu()).contains("reached");
                if (spec.carriesIpv6()) {
                    assertThat(lab.exec(0, "tracepath -6 -n " + truth.serverAddress(Family.V6)))
                            .contains("pmtu " + truth.pmtu()).contains("reached");
                }
            }
        } finally {
            lab.close();
        }
        for (String ns : lab.namespaces()) {
            assertThat(Files.exists(Path.of("/run/netns", ns))).as(ns).isFalse();
        }
    }
}
