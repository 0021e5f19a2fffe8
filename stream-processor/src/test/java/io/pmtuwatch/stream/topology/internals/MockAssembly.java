package io.pmtuwatch.stream.topology.internals;

import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.serde.AvroSerdes;
import io.pmtuwatch.stream.DiagnosisRules;
import io.pmtuwatch.stream.config.TopologyConfig;
import io.pmtuwatch.stream.metrics.PipelineMetrics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;

import java.time.Instant;
import java.util.List;

/** Run assembly on a mock context, with the runs store the topology uses over {@link WritesBelow}. */
final class MockAssembly {

    private static final Serializer<HopObservation> HOP_BYTES = AvroSerdes.serializer(HopObservation.class);

    final WritesBelow below = new WritesBelow(RunAssembler.RUNS_STORE);
    final KeyValueStore<String, RunProgress> runs = RunAssembler.runsStore(below).withLoggingDisabled().build();
    final MockProcessorContext<String, PathDiagnosis> context = new MockProcessorContext<>();
    private RunAssembler processor;

    MockAssembly(Instant wallClock) {
        TimestampedKeyValueStore<String, HandshakeObservation> handshakes = Stores.timestampedKeyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(RunAssembler.PATH_HANDSHAKES_STORE), Serdes.String(),
                AvroSerdes.serde(HandshakeObservation.class)).withLoggingDisabled().build();
        runs.init(context.getStateStoreContext(), runs);
        handshakes.init(context.getStateStoreContext(), handshakes);
        context.addStateStore(runs);
        context.addStateStore(handshakes);
        context.setCurrentSystemTimeMs(wallClock.toEpochMilli());
        restartProcessor();
    }

    /** A new processor on the same stores, as after a restart: it has only what the stores hold. */
    void restartProcessor() {
        TopologyConfig config = TopologyConfig.defaults();
        processor = new RunAssembler(DiagnosisRules.standard(), config.assembly(), config.ageing(),
                new PipelineMetrics(), (handshake, bytes) -> { });
        processor.init(context);
    }

    /** The hop as read from its topic, with the bytes it was read from. */
    void process(HopObservation hop) {
        process(hop, bytesOf(hop));
    }

    void process(HopObservation hop, byte[] readFrom) {
        processor.process(new Record<String, Object>(hop.getPathId(), new Received<>(hop, readFrom),
                hop.getTimestamp().toEpochMilli()));
    }

    static byte[] bytesOf(HopObservation hop) {
        return HOP_BYTES.serialize("hops", hop);
    }

    List<PathDiagnosis> diagnoses() {
        return context.forwarded().stream().map(forward -> (PathDiagnosis) forward.record().value()).toList();
    }
}
