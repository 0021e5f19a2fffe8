package io.pmtuwatch.probe.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pmtuwatch.lab.ChainSpec;
import io.pmtuwatch.lab.ExpectedBlackHole;
import io.pmtuwatch.lab.Family;
import io.pmtuwatch.lab.Lab;
import io.pmtuwatch.lab.Topologies;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Soak: back-to-back traces through the lossy black hole, IPv4 and IPv6, so the routers' ICMP
 * token buckets run dry and 10 % loss hits every phase. A wrong PMTU or router in a few hundred
 * runs is a flaky CI run in disguise. Opt-in (a few minutes):
 * {@code mvn -o -pl probe-producer test -Dtest=BlackHoleSoakTest -Dpmtuwatch.soak=true}.
 */
@Tag("root")
class BlackHoleSoakTest {

    private static final int ROUNDS = Integer.getInteger("pmtuwatch.soak.rounds", 60);

    @Test
    void lossyBlackHoleIsRightEveryTime() throws Exception {
        assumeTrue(Boolean.getBoolean("pmtuwatch.soak"), "soak: run with -Dpmtuwatch.soak=true");
        ChainSpec spec = Topologies.lossyBlackHole();
        List<String> wrong = new ArrayList<>();
        long probes = 0;
        long millis = 0;
        int runs = 0;
        try (LabTraces labs = new LabTraces()) {
            Lab lab = labs.lab(spec);
            for (int round = 0; round < ROUNDS; round++) {
                for (Family family : List.of(Family.V4, Family.V6)) {
                    LabTraces.Traced traced = LabTraces.trace(lab, family, TraceSettings.defaults());
                    ExpectedBlackHole hole = lab.truth().blackHole(family).orElseThrow();
                    runs++;
                    probes += traced.run().probesSent();
                    millis += traced.run().elapsedMillis();
                    boolean right = Integer.valueOf(hole.pmtu()).equals(traced.diagnosis().getPmtu())
                            && traced.diagnosis().getBlackHole() != null
                            && hole.router().equals(traced.diagnosis().getBlackHole().getRouter());
                    if (!right) {
                        wrong.add(family + "\n" + traced);
                    }
                }
            }
        }
        System.out.printf("soak %s: %d runs, %d wrong, mean %d probes, mean %d ms%n", spec.name(), runs, wrong.size(),
                probes / runs, millis / runs);
        assertThat(wrong).as("wrong diagnoses out of %d", runs).isEmpty();
    }
}
