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

/**
 * Run assembly writes its runs store when the task commits, not with every observation (the runs
 * store as the topology builds it, over a store that notes each write reaching it): a run that
 * opens and finishes between two commits is written once, as finished; a run still open at a
 * commit is written there with the hops it has, and a processor started again from the store (as
 * after a restart) finishes it with the same diagnosis as a run never interrupted.
 */
class RunsWrittenAtCommitTest {

    private static final Agent AGENT = ObservationFixtures.agent("agent-commit");
    private static final Target UDP = ObservationFixtures.target("10.60.0.1", Transport.UDP, 33434);
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    @Test
    void aRunBetweenTwoCommitsIsWrittenOnceAsFinished() {
        MockAssembly assembly = new MockAssembly(T0);
        List<HopObservation> run = ObservationFixtures.run(AGENT, UDP, "r1", T0, 1400);
        String key = RunKeys.run(run.get(0).getPathId(), "r1");

        run.forEach(assembly::process);
        assertThat(assembly.diagnoses()).as("diagnosed at its last hop").hasSize(1);
        assertThat(assembly.below.keys).as("no write before the commit, %d observations", run.size()).isEmpty();

        TaskCommit.flushStore(assembly.runs);
        assertThat(assembly.below.keys).containsExactly(key);
        assertThat(assembly.runs.get(key).isFinished()).isTrue();
        TaskCommit.flushStore(assembly.runs);
        assertThat(assembly.below.keys).as("nothing changed since").containsExactly(key);
    }

    @Test
    void aRunOpenAtACommitIsWrittenThereAndFinishedFromTheStoreWithTheSameDiagnosis() {
        List<HopObservation> run = ObservationFixtures.run(AGENT, UDP, "r2", T0, 1400);
        String key = RunKeys.run(run.get(0).getPathId(), "r2");
        MockAssembly uninterrupted = new MockAssembly(T0);
        run.forEach(uninterrupted::process);

        MockAssembly split = new MockAssembly(T0);
        run.subList(0, 2).forEach(split::process);
        TaskCommit.flushStore(split.runs);
        assertThat(split.below.keys).containsExactly(key);
        RunProgress stored = split.runs.get(key);
        assertThat(stored.isFinished()).isFalse();
        assertThat(stored.hopCount()).isEqualTo(2);

        // A processor started again on the same stores, as after a restart: it has only the store.
        split.restartProcessor();
        run.subList(2, run.size()).forEach(split::process);
        assertThat(split.diagnoses()).isEqualTo(uninterrupted.diagnoses()).hasSize(1);
        assertThat(split.diagnoses().get(0).getComplete()).isTrue();
        TaskCommit.flushStore(split.runs);
        assertThat(split.below.keys).containsExactly(key, key);
        assertThat(split.runs.get(key).isFinished()).isTrue();
    }
}
