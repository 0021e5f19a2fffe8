package io.pmtuwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.pmtuwatch.probe.capture.AnalysisReport.FindingView;
import io.pmtuwatch.probe.capture.ReportBuilder;
import io.pmtuwatch.probe.cli.TraceCommand;
import io.pmtuwatch.probe.kafka.RunObservations;
import io.pmtuwatch.schemas.AnomalyKind;
import io.pmtuwatch.schemas.AnomalyWindow;
import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.serde.AvroSerdes;
import io.pmtuwatch.stream.DiagnosisRules;
import io.pmtuwatch.stream.config.ProcessorConfig;
import io.pmtuwatch.stream.config.RawConfig;
import io.pmtuwatch.stream.config.Settings;
import io.pmtuwatch.stream.topology.DiagnosisTopology;
import io.pmtuwatch.stream.metrics.PipelineMetrics;
import io.pmtuwatch.stream.topology.StreamsSettings;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One decision point: {@code trace}, the stream processor's topology and {@code analyze} fed the same
 * observations (the demo's recorded lab runs, real probes of every demo path) give the same verdict:
 * PMTU, MSS figures, MTU drops, black hole, and every finding word for word.
 */
class OneDecisionPointTest {

    @TempDir
    Path stateDir;

    @Test
    void traceTopologyAndAnalyzeDecideAlikeOnEveryRecordedLabPath() throws Exception {
        List<RunObservations> runs = recordedRuns();
        assertThat(runs).hasSizeGreaterThanOrEqualTo(DemoPaths.ALL.size());

        List<PathDiagnosis> fromTopology = throughTopology(runs);

        assertThat(fromTopology).hasSameSizeAs(runs);
        for (int i = 0; i < runs.size(); i++) {
            RunObservations run = runs.get(i);
            Optional<HandshakeObservation> handshake = Optional.ofNullable(run.handshake());
            PathDiagnosis trace = TraceCommand.verdict(run.hops(), handshake);
            PathDiagnosis analyze = ReportBuilder.verdict(run.hops(), handshake);
            PathDiagnosis topology = fromTopology.get(i);
            assertThat(VerdictFacts.of(topology)).as("topology vs trace, %s", run.pathId())
                    .isEqualTo(VerdictFacts.of(trace));
            assertThat(VerdictFacts.of(analyze)).as("analyze vs trace, %s", run.pathId())
                    .isEqualTo(VerdictFacts.of(trace));
            List<FindingView> shown = analyze.getFindings().stream().map(ReportBuilder::view).toList();
            assertThat(shown).as("what analyze prints").isEqualTo(
                    trace.getFindings().stream().map(ReportBuilder::view).toList());
            assertThat(trace.getFindings()).as("every path has a verdict").isNotEmpty();
        }
    }

    @Test
    void aSynShrunkByThisHostsRouteCacheChangesNoVerdict() throws Exception {
        RunObservations run = recordedRuns().stream()
                .filter(r -> r.pathId().startsWith("link-1400-v4")).findFirst().orElseThrow();
        HandshakeObservation cached = HandshakeObservation.newBuilder(run.handshake()).setMssSent(1360).build();

        PathDiagnosis fresh = TraceCommand.verdict(run.hops(), Optional.of(run.handshake()));
        PathDiagnosis afterEarlierTrace = TraceCommand.verdict(run.hops(), Optional.of(cached));
        PathDiagnosis topology = throughTopology(List.of(new RunObservations(run.pathId(), run.runId(), cached,
                run.hops()))).get(0);

        assertThat(VerdictFacts.of(afterEarlierTrace)).isEqualTo(VerdictFacts.of(fresh));
        assertThat(VerdictFacts.of(topology)).isEqualTo(VerdictFacts.of(fresh));
        assertThat(afterEarlierTrace.getMss().getProbeSyn()).as("reported apart").isEqualTo(1360);
        assertThat(fresh.getMss().getProbeSyn()).isNull();
    }

    private static List<RunObservations> recordedRuns() throws Exception {
        try (InputStream in = OneDecisionPointTest.class.getResourceAsStream(DemoMain.RECORDING)) {
            return RecordedRuns.read(in);
        }
    }

    @Test
    void aLinkWideAnomalyOnlyWhereAgentsReallyShareALink() throws Exception {
        List<AnomalyWindow> anomalies = new ArrayList<>();
        throughTopology(recordedRuns(), anomalies);

        List<AnomalyWindow> linkWide = anomalies.stream().filter(a -> a.getKind() == AnomalyKind.LINK_MTU_DROP).toList();
        assertThat(linkWide).as("the two agents on the 1400 lab's network, nowhere else").isNotEmpty()
                .allSatisfy(a -> assertThat(a.getAgents()).containsExactlyInAnyOrder("link-1400-v4", "link-1400-v4-b"));
        assertThat(linkWide.stream().map(AnomalyWindow::getSubject).distinct()).singleElement()
                .satisfies(link -> assertThat(link).contains("@site:"));
    }

    private List<PathDiagnosis> throughTopology(List<RunObservations> runs) {
        return throughTopology(runs, new ArrayList<>());
    }

    private List<PathDiagnosis> throughTopology(List<RunObservations> runs, List<AnomalyWindow> anomaliesOut) {
        RawConfig raw = RawConfig.empty().with(Settings.STATE_DIR, stateDir.toString());
        ProcessorConfig config = ProcessorConfig.from(raw);
        PipelineMetrics metrics = new PipelineMetrics();
        Instant start = runs.stream().flatMap(r -> r.hops().stream()).map(HopObservation::getTimestamp)
                .min(Instant::compareTo).orElseThrow();
        List<PathDiagnosis> out = new ArrayList<>();
        try (TopologyTestDriver driver = new TopologyTestDriver(
                DiagnosisTopology.build(config.topology(), DiagnosisRules.standard(), metrics),
                StreamsSettings.of(config, metrics, Optional.empty()), start)) {
            var topics = config.topology().topics();
            TestInputTopic<String, HopObservation> hops = driver.createInputTopic(topics.hopObservations(),
                    Serdes.String().serializer(), AvroSerdes.serializer(HopObservation.class));
            TestInputTopic<String, HandshakeObservation> handshakes = driver.createInputTopic(
                    topics.handshakeObservations(), Serdes.String().serializer(),
                    AvroSerdes.serializer(HandshakeObservation.class));
            TestOutputTopic<String, PathDiagnosis> diagnoses = driver.createOutputTopic(topics.diagnoses(),
                    Serdes.String().deserializer(), AvroSerdes.deserializer(PathDiagnosis.class));
            TestOutputTopic<String, AnomalyWindow> anomalies = driver.createOutputTopic(topics.anomalies(),
                    Serdes.String().deserializer(), AvroSerdes.deserializer(AnomalyWindow.class));
            for (RunObservations run : runs) {
                if (run.handshake() != null) {
                    handshakes.pipeInput(run.pathId(), run.handshake(), run.handshake().getTimestamp());
                }
                run.hops().forEach(hop -> hops.pipeInput(run.pathId(), hop, hop.getTimestamp()));
                out.add(diagnoses.readValue());
            }
            anomaliesOut.addAll(anomalies.readValuesToList());
        }
        return out;
    }
}
