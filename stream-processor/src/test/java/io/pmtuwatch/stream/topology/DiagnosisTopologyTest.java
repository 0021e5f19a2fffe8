package io.pmtuwatch.stream.topology;

import io.pmtuwatch.schemas.FindingCode;
import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.serde.AvroSerdes;
import io.pmtuwatch.stream.DiagnosisRules;
import io.pmtuwatch.stream.ObservationFixtures;
import io.pmtuwatch.stream.config.TopologyConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static io.pmtuwatch.stream.ObservationFixtures.PATH_ID;
import static org.assertj.core.api.Assertions.assertThat;

class DiagnosisTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, HopObservation> hops;
    private TestInputTopic<String, HandshakeObservation> handshakes;
    private TestOutputTopic<String, PathDiagnosis> diagnoses;

    @BeforeEach
    void start() {
        TopologyConfig config = TopologyConfig.defaults().withRunTimeout(Duration.ofSeconds(30));
        driver = new TopologyTestDriver(DiagnosisTopology.build(config, DiagnosisRules.standard()),
                StreamsSettings.of("unused:9092", "test", stateDir));
        hops = driver.createInputTopic(config.hopTopic(), Serdes.String().serializer(),
                AvroSerdes.serializer(HopObservation.class));
        handshakes = driver.createInputTopic(config.handshakeTopic(), Serdes.String().serializer(),
                AvroSerdes.serializer(HandshakeObservation.class));
        diagnoses = driver.createOutputTopic(config.diagnosesTopic(), Serdes.String().deserializer(),
                AvroSerdes.deserializer(PathDiagnosis.class));
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void diagnosesARunWhenItsMarkerAndHandshakeHaveArrived() {
        handshakes.pipeInput(PATH_ID, ObservationFixtures.handshake("run-1", T0));
        List<HopObservation> run = ObservationFixtures.hopsThrough1400Link("run-1", T0);
        for (int i = 0; i < run.size() - 1; i++) {
            hops.pipeInput(PATH_ID, run.get(i));
            assertThat(diagnoses.isEmpty()).as("no diagnosis before the last observation").isTrue();
        }
        hops.pipeInput(PATH_ID, run.get(run.size() - 1));

        PathDiagnosis d = diagnoses.readValue();
        assertThat(d.getPathId()).isEqualTo(PATH_ID);
        assertThat(d.getPmtu()).isEqualTo(1400);
        assertThat(d.getMss().getEffective()).isEqualTo(1360);
        assertThat(d.getComplete()).isTrue();
        assertThat(d.getFindings()).extracting(f -> f.getCode()).contains(FindingCode.OVERSIZED_MSS);
        assertThat(diagnoses.isEmpty()).isTrue();
    }

    @Test
    void outOfOrderAndDuplicateObservationsGiveTheSameDiagnosis() {
        List<HopObservation> run = ObservationFixtures.hopsThrough1400Link("run-2", T0);
        List<HopObservation> shuffled = new ArrayList<>(run);
        shuffled.add(run.get(1)); // a producer retry
        Collections.reverse(shuffled);
        for (HopObservation hop : shuffled) {
            hops.pipeInput(PATH_ID, hop);
        }
        handshakes.pipeInput(PATH_ID, ObservationFixtures.handshake("run-2", T0));

        PathDiagnosis d = diagnoses.readValue();
        assertThat(d.getPmtu()).isEqualTo(1400);
        assertThat(d.getProbesSent()).isEqualTo(4);
        assertThat(diagnoses.isEmpty()).as("exactly one diagnosis per run").isTrue();
    }

    @Test
    void aRunWithoutItsMarkerIsDiagnosedAsIncompleteAfterTheTimeout() {
        List<HopObservation> run = ObservationFixtures.hopsThrough1400Link("run-3", T0);
        handshakes.pipeInput(PATH_ID, ObservationFixtures.handshake("run-3", T0));
        hops.pipeInput(PATH_ID, run.get(0));
        hops.pipeInput(PATH_ID, run.get(1));
        driver.advanceWallClockTime(Duration.ofSeconds(10));
        assertThat(diagnoses.isEmpty()).isTrue();

        driver.advanceWallClockTime(Duration.ofSeconds(25));
        PathDiagnosis d = diagnoses.readValue();
        assertThat(d.getComplete()).isFalse();
        assertThat(d.getIncompleteReason()).contains("timed out");
        assertThat(d.getPmtu()).isEqualTo(1400);
    }

    @Test
    void aCompleteRunWhoseHandshakeNeverComesIsDiagnosedAfterTheGrace() {
        for (HopObservation hop : ObservationFixtures.hopsThrough1400Link("run-4", T0)) {
            hops.pipeInput(PATH_ID, hop);
        }
        assertThat(diagnoses.isEmpty()).as("waits for the handshake of a TCP target").isTrue();
        driver.advanceWallClockTime(Duration.ofSeconds(1));
        PathDiagnosis d = diagnoses.readValue();
        assertThat(d.getPmtu()).isEqualTo(1400);
        assertThat(d.getMss().getSent()).isNull();
    }
}
