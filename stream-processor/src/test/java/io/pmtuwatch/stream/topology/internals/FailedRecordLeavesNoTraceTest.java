package io.pmtuwatch.stream.topology.internals;

import io.pmtuwatch.schemas.Agent;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.Target;
import io.pmtuwatch.schemas.Transport;
import io.pmtuwatch.stream.ObservationFixtures;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A record whose processing fails part-way through its run's change (it is dead-lettered, and the
 * next record processed) leaves the run as it was: neither the run the next record sees nor what the
 * commit writes has any of its change. Here the run's last hop arrives first broken (no target: it
 * fails after its sequence, its hop and the run's end were recorded), then whole.
 */
class FailedRecordLeavesNoTraceTest {

    private static final Agent AGENT = ObservationFixtures.agent("agent-failing");
    private static final Target UDP = ObservationFixtures.target("10.60.0.2", Transport.UDP, 33434);
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    @Test
    void aHopThatFailsPartWayChangesNeitherItsOpenRunNorWhatTheCommitWrites() {
        List<HopObservation> run = ObservationFixtures.run(AGENT, UDP, "r3", T0, 1400);
        String key = RunKeys.run(run.get(0).getPathId(), "r3");
        HopObservation last = run.get(run.size() - 1);
        MockAssembly uninterrupted = new MockAssembly(T0);
        run.forEach(uninterrupted::process);

        MockAssembly assembly = new MockAssembly(T0);
        run.subList(0, run.size() - 1).forEach(assembly::process);
        HopObservation broken = HopObservation.newBuilder(last).build();
        broken.setTarget(null);
        assertThatThrownBy(() -> assembly.process(broken, MockAssembly.bytesOf(last)))
                .isInstanceOf(NullPointerException.class);

        TaskCommit.flushStore(assembly.runs);
        RunProgress stored = assembly.runs.get(key);
        assertThat(stored.hopCount()).as("hops written at the commit").isEqualTo(run.size() - 1);
        assertThat(stored.allHopsArrived()).as("the run's end, from the failed hop").isFalse();

        assembly.process(last);
        assertThat(assembly.diagnoses()).isEqualTo(uninterrupted.diagnoses()).hasSize(1);
        assertThat(assembly.diagnoses().get(0).getComplete()).isTrue();
    }
}
