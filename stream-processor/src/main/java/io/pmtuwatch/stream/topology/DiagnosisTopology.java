package io.pmtuwatch.stream.topology;

import io.pmtuwatch.schemas.AnomalyWindow;
import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.LinkMtu;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.serde.AvroSerdes;
import io.pmtuwatch.stream.config.OutputLimits;
import io.pmtuwatch.stream.config.TopicNames;
import io.pmtuwatch.stream.config.TopologyConfig;
import io.pmtuwatch.stream.metrics.PipelineMetrics;
import io.pmtuwatch.stream.state.CommitAlignedStores;
import io.pmtuwatch.stream.topology.internals.EventTimeCheck;
import io.pmtuwatch.stream.topology.internals.EncodeOnceSerde;
import io.pmtuwatch.stream.topology.internals.LinkAggregator;
import io.pmtuwatch.stream.topology.internals.LinkOutput;
import io.pmtuwatch.stream.topology.internals.LinkReportFormat;
import io.pmtuwatch.stream.topology.internals.LinkReports;
import io.pmtuwatch.stream.topology.internals.LinkStateFormat;
import io.pmtuwatch.stream.topology.internals.PathAnomalyStateFormat;
import io.pmtuwatch.stream.topology.internals.CheckedOutput;
import io.pmtuwatch.stream.topology.internals.OutputGuard;
import io.pmtuwatch.stream.topology.internals.OutputSizeCheck;
import io.pmtuwatch.stream.topology.internals.PathTracker;
import io.pmtuwatch.stream.topology.internals.RunAssembler;
import io.pmtuwatch.stream.topology.internals.StatusSinceStamper;
import io.pmtuwatch.stream.topology.internals.ReceivedSerde;
import io.pmtuwatch.stream.topology.internals.ValidatingProcessor;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The stream processor's topology.
 *
 * <pre>
 * hop-observations ──┐
 *                    ├─ validate ─ run-assembler ─ diagnoses-guard ─┬─ pmtu.diagnoses
 * handshake-obs. ────┘   (bad → dead letter)    (too large → dead   ├─ path-tracker ──────────────────────┬─ pmtu.anomalies
 *                                                letter, no further) └─ link-reports ─ (repartition) ─ link-aggregator ─┴─ pmtu.links
 * </pre>
 *
 * Every record the topology writes is stamped with the processor's clock, not with the event time
 * it carries: an agent's clock can never make the broker refuse an output record (its
 * {@code message.timestamp.after.max.ms}), which under exactly-once would stop the task for good.
 *
 * <p>Observations and diagnoses are keyed by path id, so a path's records meet in one task without
 * any repartition; only the per-link view re-keys, by link id. Processor and store names are fixed
 * here: they name the changelog and repartition topics, so changing one is an incompatible upgrade.
 */
public final class DiagnosisTopology {

    public static final String LINK_REPARTITION = "links-by-link";

    private DiagnosisTopology() {
    }

    public static Topology build(TopologyConfig config, RunDiagnoser diagnoser) {
        return build(config, diagnoser, new PipelineMetrics());
    }

    public static Topology build(TopologyConfig config, RunDiagnoser diagnoser, PipelineMetrics metrics) {
        return build(config, diagnoser, metrics, OutputLimits.producerDefaults());
    }

    /** @param limits the output topics' size limits: an output above them is dead-lettered, never sent */
    public static Topology build(TopologyConfig config, RunDiagnoser diagnoser, PipelineMetrics metrics,
                                 OutputLimits limits) {
        TopicNames topics = config.topics();
        OutputSizeCheck sizes = new OutputSizeCheck(limits);
        Serde<String> keys = Serdes.String();
        Serde<HopObservation> hopSerde = AvroSerdes.serde(HopObservation.class);
        Serde<HandshakeObservation> handshakeSerde = AvroSerdes.serde(HandshakeObservation.class);
        // The latest-handshake store keeps the bytes each handshake was read from instead of encoding it again.
        EncodeOnceSerde<HandshakeObservation> latestHandshakeSerde = new EncodeOnceSerde<>(handshakeSerde);
        // A diagnosis is encoded by its output guard and again, unchanged, by the latest-diagnosis store:
        // the store takes the guard's bytes.
        Serde<PathDiagnosis> diagnosisSerde = new EncodeOnceSerde<>(AvroSerdes.serde(PathDiagnosis.class));
        Serde<AnomalyWindow> anomalySerde = AvroSerdes.serde(AnomalyWindow.class);
        Serde<LinkMtu> linkSerde = AvroSerdes.serde(LinkMtu.class);

        StreamsBuilder builder = new StreamsBuilder();
        // Every store keeps its state in memory with a durable image of committed writes only
        // (CommitAlignedStore): a restart after kill -9, under exactly-once too, replays only the changelog
        // records after that image instead of the whole changelog. Run assembly state (open runs with their
        // hops, finished ones for the dedup retention) is the largest changelog of all.
        // A run changes with every observation, but most runs open and finish between two commits: the
        // runs store keeps its writes as objects until the commit, so such a run is written (encoded,
        // logged) once, as finished, instead of with each observation. Not cached: nothing is left for
        // Streams' record cache to collapse. Under exactly-once nothing uncommitted is visible anyway,
        // so writing at the commit delays nothing a reader could see.
        builder.addStateStore(RunAssembler.runsStore(CommitAlignedStores.keyValue(RunAssembler.RUNS_STORE)));
        builder.addStateStore(Stores.timestampedKeyValueStoreBuilder(
                CommitAlignedStores.timestampedKeyValue(RunAssembler.PATH_HANDSHAKES_STORE), keys, latestHandshakeSerde));
        builder.addStateStore(Stores.keyValueStoreBuilder(CommitAlignedStores.keyValue(PathTracker.PATH_DIAGNOSES_STORE),
                keys, diagnosisSerde));
        builder.addStateStore(Stores.keyValueStoreBuilder(CommitAlignedStores.keyValue(PathTracker.PATH_STATE_STORE), keys,
                PathAnomalyStateFormat.serde()));
        // Cached: many paths cross the same links, so a link's record is rewritten many times between
        // two commits; the changelog gets the last one only.
        builder.addStateStore(Stores.keyValueStoreBuilder(CommitAlignedStores.keyValue(LinkAggregator.LINKS_STORE), keys,
                LinkStateFormat.serde()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(CommitAlignedStores.keyValue(LinkAggregator.LINK_MEMBERS_STORE),
                keys, Serdes.Long()).withCachingEnabled());

        // Observations come with the bytes they were read from: run assembly stores those instead of
        // encoding each observation again.
        KStream<String, Object> hops = builder.stream(topics.hopObservations(),
                        Consumed.with(keys, ReceivedSerde.of(hopSerde)).withName("hop-observations"))
                .mapValues(hop -> (Object) hop, Named.as("hops-as-observations"));
        KStream<String, Object> handshakes = builder.stream(topics.handshakeObservations(),
                        Consumed.with(keys, ReceivedSerde.of(handshakeSerde)).withName("handshake-observations"))
                .mapValues(handshake -> (Object) handshake, Named.as("handshakes-as-observations"));

        KStream<String, PathDiagnosis> stampedDiagnoses = hops.merge(handshakes, Named.as("observations"))
                .process(() -> new ValidatingProcessor(metrics, new EventTimeCheck(config.eventTime())), Named.as("validate"))
                .process(() -> new RunAssembler(diagnoser, config.assembly(), config.ageing(), metrics,
                                latestHandshakeSerde::encodedAs),
                        Named.as("run-assembler"), RunAssembler.RUNS_STORE, RunAssembler.PATH_HANDSHAKES_STORE)
                .processValues(StatusSinceStamper::new, Named.as("status-since"), PathTracker.PATH_DIAGNOSES_STORE,
                        PathTracker.PATH_STATE_STORE);
        // The guards serialize (to measure) and the sinks write their bytes. Only a diagnosis that is sent
        // goes on: the latest-diagnosis store, the path tracker and the link view agree with the topic,
        // never holding one that was refused for its size.
        KStream<String, CheckedOutput<PathDiagnosis>> checkedDiagnoses = stampedDiagnoses.processValues(
                () -> OutputGuard.keepingValue(metrics, sizes, topics.diagnoses(), diagnosisSerde.serializer()),
                Named.as("diagnoses-guard"));
        checkedDiagnoses.mapValues(CheckedOutput::bytes, Named.as("diagnosis-bytes"))
                .to(topics.diagnoses(), Produced.with(keys, Serdes.ByteArray()).withName("diagnoses"));
        KStream<String, PathDiagnosis> diagnoses = checkedDiagnoses.mapValues(CheckedOutput::value,
                Named.as("diagnoses-sent"));

        KStream<String, AnomalyWindow> pathAnomalies = diagnoses.process(
                () -> new PathTracker(config.anomalies(), config.ageing(), metrics), Named.as("path-tracker"),
                PathTracker.PATH_DIAGNOSES_STORE, PathTracker.PATH_STATE_STORE);

        KStream<String, LinkOutput> linkOutput = diagnoses
                .flatMap((pathId, diagnosis) -> LinkReports.of(diagnosis), Named.as("link-reports"))
                .repartition(Repartitioned.with(keys, LinkReportFormat.serde()).withName(LINK_REPARTITION)
                        .withNumberOfPartitions(config.partitions()))
                .process(() -> new LinkAggregator(config.anomalies(), config.ageing(), metrics), Named.as("link-aggregator"),
                        LinkAggregator.LINKS_STORE, LinkAggregator.LINK_MEMBERS_STORE);
        linkOutput.filter((linkId, out) -> out.isLinkUpdate(), Named.as("link-updates"))
                .mapValues(LinkOutput::link, Named.as("link-records"))
                .processValues(() -> OutputGuard.bytes(metrics, sizes, topics.links(), linkSerde.serializer()),
                        Named.as("links-guard"))
                .to(topics.links(), Produced.with(keys, Serdes.ByteArray()).withName("links"));
        KStream<String, AnomalyWindow> linkAnomalies = linkOutput
                .filter((linkId, out) -> out.isAnomaly(), Named.as("link-anomaly-updates"))
                .mapValues(LinkOutput::anomaly, Named.as("link-anomalies"));

        pathAnomalies.merge(linkAnomalies, Named.as("all-anomalies"))
                .processValues(() -> OutputGuard.bytes(metrics, sizes, topics.anomalies(), anomalySerde.serializer()),
                        Named.as("anomalies-guard"))
                .to(topics.anomalies(), Produced.with(keys, Serdes.ByteArray()).withName("anomalies"));
        return builder.build();
    }
}
