package io.pmtuwatch.stream.topology.internals;

import io.pmtuwatch.schemas.Agent;
import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.Target;
import io.pmtuwatch.schemas.Transport;
import io.pmtuwatch.schemas.serde.AvroSerdes;
import io.pmtuwatch.stream.DiagnosisRules;
import io.pmtuwatch.stream.ObservationFixtures;
import io.pmtuwatch.stream.config.TopologyConfig;
import io.pmtuwatch.stream.metrics.PipelineMetrics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
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
    private static final Serializer<HopObservation> HOP_BYTES = AvroSerdes.serializer(HopObservation.class);

    @Test
    void aRunBetweenTwoCommitsIsWrittenOnceAsFinished() {
        Assembly assembly = new Assembly();
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
        Assembly uninterrupted = new Assembly();
        run.forEach(uninterrupted::process);

        Assembly split = new Assembly();
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

    /** Run assembly on a mock context, with the runs store the topology uses over {@link WritesBelow}. */
    private static final class Assembly {

        final WritesBelow below = new WritesBelow(RunAssembler.RUNS_STORE);
        final KeyValueStore<String, RunProgress> runs = RunAssembler.runsStore(below).withLoggingDisabled().build();
        final MockProcessorContext<String, PathDiagnosis> context = new MockProcessorContext<>();
        private RunAssembler processor;

        Assembly() {
            TimestampedKeyValueStore<String, HandshakeObservation> handshakes = Stores.timestampedKeyValueStoreBuilder(
                    Stores.inMemoryKeyValueStore(RunAssembler.PATH_HANDSHAKES_STORE), Serdes.String(),
                    AvroSerdes.serde(HandshakeObservation.class)).withLoggingDisabled().build();
            runs.init(context.getStateStoreContext(), runs);
            handshakes.init(context.getStateStoreContext(), handshakes);
            context.addStateStore(runs);
            context.addStateStore(handshakes);
            context.setCurrentSystemTimeMs(T0.toEpochMilli());
            restartProcessor();
        }

        void restartProcessor() {
            TopologyConfig config = TopologyConfig.defaults();
            processor = new RunAssembler(DiagnosisRules.standard(), config.assembly(), config.ageing(),
                    new PipelineMetrics(), (handshake, bytes) -> { });
            processor.init(context);
        }

        void process(HopObservation hop) {
            processor.process(new Record<String, Object>(hop.getPathId(), new Received<>(hop, HOP_BYTES.serialize("hops", hop)),
                    hop.getTimestamp().toEpochMilli()));
        }

        List<PathDiagnosis> diagnoses() {
            return context.forwarded().stream().map(forward -> (PathDiagnosis) forward.record().value()).toList();
        }
    }
}
