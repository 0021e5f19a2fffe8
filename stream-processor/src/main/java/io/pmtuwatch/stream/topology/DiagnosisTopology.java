package io.pmtuwatch.stream.topology;

import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.serde.AvroSerdes;
import io.pmtuwatch.stream.config.TopologyConfig;
import io.pmtuwatch.stream.topology.internals.RunAssembler;
import io.pmtuwatch.stream.topology.internals.RunBufferSerde;
import io.pmtuwatch.stream.topology.internals.RunDiagnoser;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The stream processor's topology: hop and handshake observations (both keyed by path id, so a
 * path's records meet in one partition) are assembled into runs and diagnosed; diagnoses go to
 * the diagnoses topic under the same key.
 */
public final class DiagnosisTopology {

    static final String HOPS_SOURCE = "hop-observations";
    static final String HANDSHAKES_SOURCE = "handshake-observations";
    static final String ASSEMBLER = "run-assembler";
    static final String DIAGNOSES_SINK = "diagnoses";

    private DiagnosisTopology() {
    }

    public static Topology build(TopologyConfig config, RunDiagnoser diagnoser) {
        Serde<String> keys = Serdes.String();
        Serde<HopObservation> hops = AvroSerdes.serde(HopObservation.class);
        Serde<HandshakeObservation> handshakes = AvroSerdes.serde(HandshakeObservation.class);
        Serde<PathDiagnosis> diagnoses = AvroSerdes.serde(PathDiagnosis.class);

        Topology topology = new Topology();
        topology.addSource(HOPS_SOURCE, keys.deserializer(), hops.deserializer(), config.hopTopic());
        topology.addSource(HANDSHAKES_SOURCE, keys.deserializer(), handshakes.deserializer(), config.handshakeTopic());
        topology.addProcessor(ASSEMBLER,
                () -> new RunAssembler(diagnoser, config.handshakeGrace(), config.runTimeout(), config.scanInterval()),
                HOPS_SOURCE, HANDSHAKES_SOURCE);
        topology.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(RunAssembler.RUNS_STORE), keys, new RunBufferSerde(hops, handshakes)),
                ASSEMBLER);
        topology.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(RunAssembler.LATEST_HANDSHAKE_STORE), keys, handshakes),
                ASSEMBLER);
        topology.addSink(DIAGNOSES_SINK, config.diagnosesTopic(), keys.serializer(), diagnoses.serializer(), ASSEMBLER);
        return topology;
    }
}
