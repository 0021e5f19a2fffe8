package io.pmtuwatch.stream.topology;

import io.pmtuwatch.schemas.AnomalyWindow;
import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.LinkMtu;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.serde.AvroSerdes;
import io.pmtuwatch.stream.DiagnosisRules;
import io.pmtuwatch.stream.config.OutputLimits;
import io.pmtuwatch.stream.config.ProcessorConfig;
import io.pmtuwatch.stream.config.RawConfig;
import io.pmtuwatch.stream.config.Settings;
import io.pmtuwatch.stream.config.TopicNames;
import io.pmtuwatch.stream.metrics.PipelineMetrics;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The whole topology in a TopologyTestDriver, with typed input and output topics. */
final class TopologyFixture implements AutoCloseable {

    static final Instant WALL_START = Instant.parse("2026-11-24T10:00:00Z");

    final TopologyTestDriver driver;
    final TopicNames topics;
    final PipelineMetrics metrics = new PipelineMetrics();
    final TestInputTopic<String, HopObservation> hops;
    final TestInputTopic<String, HandshakeObservation> handshakes;
    final TestInputTopic<String, byte[]> rawHops;
    final TestInputTopic<String, byte[]> rawHandshakes;
    final TestOutputTopic<String, PathDiagnosis> diagnoses;
    final TestOutputTopic<String, AnomalyWindow> anomalies;
    final TestOutputTopic<String, LinkMtu> links;
    final TestOutputTopic<byte[], byte[]> deadLetters;

    TopologyFixture(Path stateDir, RawConfig raw) {
        this(stateDir, raw, DiagnosisRules.standard());
    }

    TopologyFixture(Path stateDir, RawConfig raw, RunDiagnoser diagnoser) {
        this(stateDir, raw, diagnoser, OutputLimits.producerDefaults());
    }

    TopologyFixture(Path stateDir, RawConfig raw, RunDiagnoser diagnoser, OutputLimits limits) {
        raw.with(Settings.STATE_DIR, stateDir.toString());
        ProcessorConfig config = ProcessorConfig.from(raw);
        topics = config.topology().topics();
        driver = new TopologyTestDriver(DiagnosisTopology.build(config.topology(), diagnoser, metrics, limits),
                StreamsSettings.of(config, metrics, Optional.empty()), WALL_START);
        // Records are stamped with the driver's wall clock, as a live agent's records would be
        // (run assembly compares how far each topic has been read with its runs' timestamps).
        hops = driver.createInputTopic(topics.hopObservations(), Serdes.String().serializer(),
                AvroSerdes.serializer(HopObservation.class), WALL_START, Duration.ZERO);
        handshakes = driver.createInputTopic(topics.handshakeObservations(), Serdes.String().serializer(),
                AvroSerdes.serializer(HandshakeObservation.class), WALL_START, Duration.ZERO);
        rawHops = driver.createInputTopic(topics.hopObservations(), Serdes.String().serializer(), new ByteArraySerializer(),
                WALL_START, Duration.ZERO);
        rawHandshakes = driver.createInputTopic(topics.handshakeObservations(), Serdes.String().serializer(),
                new ByteArraySerializer(), WALL_START, Duration.ZERO);
        diagnoses = driver.createOutputTopic(topics.diagnoses(), Serdes.String().deserializer(),
                AvroSerdes.deserializer(PathDiagnosis.class));
        anomalies = driver.createOutputTopic(topics.anomalies(), Serdes.String().deserializer(),
                AvroSerdes.deserializer(AnomalyWindow.class));
        links = driver.createOutputTopic(topics.links(), Serdes.String().deserializer(),
                AvroSerdes.deserializer(LinkMtu.class));
        deadLetters = driver.createOutputTopic(topics.deadLetter(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    void pipe(List<HopObservation> run) {
        run.forEach(hop -> hops.pipeInput(hop.getPathId(), hop));
    }

    /** Advances the processor's clock and the input topics' record timestamps together. */
    void advance(Duration duration) {
        for (TestInputTopic<?, ?> input : List.of(hops, handshakes, rawHops, rawHandshakes)) {
            input.advanceTime(duration);
        }
        driver.advanceWallClockTime(duration);
    }

    List<AnomalyWindow> anomalies() {
        List<AnomalyWindow> out = new ArrayList<>();
        while (!anomalies.isEmpty()) {
            out.add(anomalies.readValue());
        }
        return out;
    }

    List<PathDiagnosis> diagnoses() {
        return diagnoses.readValuesToList();
    }

    static String header(TestRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        driver.close();
    }
}
