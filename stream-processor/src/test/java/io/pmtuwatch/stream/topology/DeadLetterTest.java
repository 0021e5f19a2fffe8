package io.pmtuwatch.stream.topology;

import io.pmtuwatch.stream.deadletter.DeadLetterReason;
import io.pmtuwatch.stream.deadletter.DeadLetterHeaders;

import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.serde.AvroSerdes;
import io.pmtuwatch.stream.ObservationFixtures;
import io.pmtuwatch.stream.config.RawConfig;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static io.pmtuwatch.stream.ObservationFixtures.PATH_ID;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every dead-letter reason: the record lands on the dead-letter topic with its original bytes, the
 * reason, source topic, partition and offset in headers; the records around it are processed as if
 * it had never been there.
 */
class DeadLetterTest {

    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    @TempDir
    Path stateDir;

    private TopologyFixture fx;

    @BeforeEach
    void start() {
        fx = new TopologyFixture(stateDir, RawConfig.empty());
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    static Stream<Arguments> invalidHops() {
        return Stream.of(
                Arguments.of("MTU 0", DeadLetterReason.INVALID_MTU, (Consumer<HopObservation>) h -> h.setReportedMtu(0)),
                Arguments.of("MTU 70000", DeadLetterReason.INVALID_MTU, (Consumer<HopObservation>) h -> h.setReportedMtu(70_000)),
                Arguments.of("local MTU 20", DeadLetterReason.INVALID_MTU, (Consumer<HopObservation>) h -> h.setLocalMtu(20)),
                Arguments.of("TTL 0 on an active probe", DeadLetterReason.INVALID_TTL, (Consumer<HopObservation>) h -> h.setTtl(0)),
                Arguments.of("TTL 256", DeadLetterReason.INVALID_TTL, (Consumer<HopObservation>) h -> h.setTtl(256)),
                Arguments.of("negative probe size", DeadLetterReason.INVALID_SIZE, (Consumer<HopObservation>) h -> h.setProbeSize(-1)),
                Arguments.of("negative RTT", DeadLetterReason.INVALID_RTT, (Consumer<HopObservation>) h -> h.setRttMicros(-5L)),
                Arguments.of("negative sequence", DeadLetterReason.INVALID_FIELD, (Consumer<HopObservation>) h -> h.setSequence(-1)),
                Arguments.of("empty path id", DeadLetterReason.MISSING_PATH_ID, (Consumer<HopObservation>) h -> h.setPathId("")),
                Arguments.of("path id of another path", DeadLetterReason.KEY_MISMATCH,
                        (Consumer<HopObservation>) h -> h.setPathId("other|10.0.0.1|udp|53|v4")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidHops")
    void anInvalidHopGoesToTheDeadLetterTopicAndTheRunIsStillDiagnosed(String what, DeadLetterReason reason,
                                                                       Consumer<HopObservation> spoil) {
        List<HopObservation> run = ObservationFixtures.hopsThrough1400Link("run-1", T0);
        HopObservation bad = HopObservation.newBuilder(run.get(0)).build();
        spoil.accept(bad);
        byte[] badBytes = AvroSerdes.serializer(HopObservation.class).serialize(fx.topics.hopObservations(), bad);

        fx.handshakes.pipeInput(PATH_ID, ObservationFixtures.handshake("run-1", T0));
        fx.hops.pipeInput(PATH_ID, run.get(0));
        fx.rawHops.pipeInput(PATH_ID, badBytes); // offset 1 of the hop topic
        fx.pipe(run.subList(1, run.size()));

        TestRecord<byte[], byte[]> dead = fx.deadLetters.readRecord();
        assertHeaders(dead, reason, fx.topics.hopObservations(), 1);
        assertThat(dead.value()).isEqualTo(badBytes);
        assertThat(new String(dead.key(), StandardCharsets.UTF_8)).isEqualTo(PATH_ID);
        assertThat(fx.deadLetters.isEmpty()).isTrue();

        List<PathDiagnosis> diagnoses = fx.diagnoses();
        assertThat(diagnoses).hasSize(1);
        assertThat(diagnoses.get(0).getPmtu()).isEqualTo(1400);
        assertThat(diagnoses.get(0).getComplete()).isTrue();
        assertThat(fx.metrics.deadLettersByReason()).containsEntry(reason.name(), 1L);
    }

    @Test
    void aHopWithoutKeyIsADeadLetter() {
        HopObservation hop = ObservationFixtures.hopsThrough1400Link("run-1", T0).get(0);
        fx.hops.pipeInput((String) null, hop);
        assertHeaders(fx.deadLetters.readRecord(), DeadLetterReason.MISSING_PATH_ID, fx.topics.hopObservations(), 0);
    }

    @Test
    void anInvalidHandshakeIsADeadLetter() {
        HandshakeObservation handshake = ObservationFixtures.handshake("run-1", T0);
        handshake.setMssReceived(0);
        fx.handshakes.pipeInput(PATH_ID, handshake);
        HandshakeObservation badMtu = ObservationFixtures.handshake("run-2", T0);
        badMtu.setKernelPmtu(70_000);
        fx.handshakes.pipeInput(PATH_ID, badMtu);
        assertHeaders(fx.deadLetters.readRecord(), DeadLetterReason.INVALID_SIZE, fx.topics.handshakeObservations(), 0);
        assertHeaders(fx.deadLetters.readRecord(), DeadLetterReason.INVALID_MTU, fx.topics.handshakeObservations(), 1);
    }

    @Test
    void aPassiveObservationMayHaveTtlZero() {
        fx.hops.pipeInput(PATH_ID, ObservationFixtures.passivePtb(ObservationFixtures.AGENT, ObservationFixtures.TARGET, T0, 1400));
        assertThat(fx.deadLetters.isEmpty()).isTrue();
        assertThat(fx.diagnoses()).hasSize(1);
    }

    public static Stream<Arguments> undecodable() {
        byte[] valid = AvroSerdes.serializer(HopObservation.class).serialize("t",
                ObservationFixtures.hopsThrough1400Link("run-1", T0).get(0));
        byte[] unknownSchema = valid.clone();
        Arrays.fill(unknownSchema, 2, 10, (byte) 0x5A);
        byte[] handshake = AvroSerdes.serializer(HandshakeObservation.class).serialize("t",
                ObservationFixtures.handshake("run-1", T0));
        return Stream.of(
                Arguments.of("plain JSON", DeadLetterReason.DECODE_BAD_HEADER, "{\"pathId\":\"x\"}".getBytes(StandardCharsets.UTF_8)),
                Arguments.of("unknown schema fingerprint", DeadLetterReason.DECODE_UNKNOWN_SCHEMA, unknownSchema),
                Arguments.of("truncated body", DeadLetterReason.DECODE_MALFORMED_BODY, Arrays.copyOf(valid, 14)),
                Arguments.of("a handshake on the hop topic", DeadLetterReason.DECODE_WRONG_RECORD_TYPE, handshake));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("undecodable")
    void anUndecodableRecordGoesToTheDeadLetterTopicAndProcessingContinues(String what, DeadLetterReason reason,
                                                                           byte[] bytes) {
        List<HopObservation> run = ObservationFixtures.hopsThrough1400Link("run-1", T0);
        fx.handshakes.pipeInput(PATH_ID, ObservationFixtures.handshake("run-1", T0));
        fx.hops.pipeInput(PATH_ID, run.get(0));
        fx.hops.pipeInput(PATH_ID, run.get(1));
        fx.rawHops.pipeInput(PATH_ID, bytes); // offset 2
        fx.pipe(run.subList(2, run.size()));

        // TopologyTestDriver drops the dead-letter records of the deserialization handler (it keeps
        // those of the processing handler): the records themselves are checked in
        // DeadLetterDeserializationHandlerTest and on the real broker in TwoInstancesFailoverTest.
        assertThat(fx.metrics.deadLettersByReason()).containsEntry(reason.name(), 1L);
        assertThat(fx.diagnoses()).singleElement().satisfies(d -> assertThat(d.getComplete()).isTrue());
    }

    private static void assertHeaders(TestRecord<byte[], byte[]> dead, DeadLetterReason reason, String topic, long offset) {
        assertThat(TopologyFixture.header(dead, DeadLetterHeaders.REASON)).isEqualTo(reason.name());
        assertThat(TopologyFixture.header(dead, DeadLetterHeaders.TOPIC)).isEqualTo(topic);
        assertThat(TopologyFixture.header(dead, DeadLetterHeaders.PARTITION)).isEqualTo("0");
        assertThat(TopologyFixture.header(dead, DeadLetterHeaders.OFFSET)).isEqualTo(Long.toString(offset));
    }
}
