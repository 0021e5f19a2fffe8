package io.pmtuwatch.bench.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.pmtuwatch.lab.Family;
import io.pmtuwatch.lab.Lab;
import io.pmtuwatch.lab.Topologies;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * tracepath over the 1400 link teaches the agent's kernel PMTU 1400 for the server (what
 * made tracepath's bench rows inherit the PMTU our tracer's probes had provoked); forgetting it leaves
 * the next tool a kernel that has learned nothing, over IPv4 and IPv6.
 */
@Tag("root")
class LearnedPmtuLabTest {

    @Test
    void forgettingDropsThePmtuAPacketTooBigTaughtTheAgentsKernel() {
        try (Lab lab = Lab.build(Topologies.mtu1400())) {
            String v4 = lab.truth().serverAddress(Family.V4);
            String v6 = lab.truth().serverAddress(Family.V6);
            // tracepath, the baseline the bench runs, sends full-size DF probes: r2 answers with frag-needed.
            lab.exec(0, "tracepath -4 -n -m 4 " + v4 + " || true");
            lab.exec(0, "tracepath -6 -n -m 4 " + v6 + " || true");
            assertThat(lab.exec(0, "ip route get " + v4)).as("learned over IPv4").contains("mtu 1400");
            assertThat(lab.exec(0, "ip -6 route get " + v6)).as("learned over IPv6").contains("mtu 1400");

            LearnedPmtu.forget(command -> lab.exec(0, command));

            assertThat(lab.exec(0, "ip route get " + v4)).doesNotContain("mtu 1400");
            assertThat(lab.exec(0, "ip -6 route get " + v6)).doesNotContain("mtu 1400");
        }
    }
}
