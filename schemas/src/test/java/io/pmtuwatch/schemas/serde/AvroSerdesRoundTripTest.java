package io.pmtuwatch.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.LinkMtu;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.Topics;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AvroSerdesRoundTripTest {

    static Stream<Arguments> samples() {
        return SampleRecords.all().stream()
                .map(record -> Arguments.of(record.getSchema().getName() + " " + pathOf(record), record));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void decodesWhatItEncoded(String name, SpecificRecordBase record) {
        Serde<SpecificRecordBase> serde = serdeFor(record);

        byte[] bytes = serde.serializer().serialize("some-topic", record);
        SpecificRecordBase decoded = serde.deserializer().deserialize("some-topic", bytes);

        assertThat(decoded).isNotSameAs(record).isInstanceOf(record.getClass()).isEqualTo(record);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everyMessageCarriesTheMarkerAndTheFingerprintOfTheSchemaThatWroteIt(String name, SpecificRecordBase record) {
        byte[] bytes = serdeFor(record).serializer().serialize("some-topic", record);

        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(fingerprint).isEqualTo(Fingerprints.of(record.getSchema()));
    }

    @Test
    void samplesCoverEveryMessageTypeWithNullsAndNonNulls() {
        assertThat(SampleRecords.all()).extracting(Object::getClass).containsAll(MessageTypes.ALL);
        // The IPv6 samples leave optional fields null, the IPv4 ones set them: both ways must survive a round trip.
        assertThat(SampleRecords.hopV6Passive().getRttMicros()).isNull();
        assertThat(SampleRecords.hopV4().getRttMicros()).isEqualTo(8_421L);
        assertThat(SampleRecords.diagnosisV6BlackHole().getLocalMtu()).isNull();
        assertThat(SampleRecords.diagnosisV4().getBlackHole()).isNull();
        assertThat(SampleRecords.diagnosisV6BlackHole().getBlackHole().getDetected()).isTrue();
    }

    @Test
    void nullIsATombstoneBothWays() {
        Serde<LinkMtu> serde = AvroSerdes.serde(LinkMtu.class);

        assertThat(serde.serializer().serialize(Topics.LINKS, null)).isNull();
        assertThat(serde.deserializer().deserialize(Topics.LINKS, null)).isNull();
    }

    @Test
    void standaloneSerializerAndDeserializerUseTheSameFormat() {
        byte[] bytes = AvroSerdes.serializer(PathDiagnosis.class).serialize(Topics.DIAGNOSES, SampleRecords.diagnosisV4());

        assertThat(AvroSerdes.deserializer(PathDiagnosis.class).deserialize(Topics.DIAGNOSES, bytes))
                .isEqualTo(SampleRecords.diagnosisV4());
        assertThat(bytes).isEqualTo(AvroSerdes.serde(PathDiagnosis.class).serializer()
                .serialize(Topics.DIAGNOSES, SampleRecords.diagnosisV4()));
    }

    @Test
    void aCodecIsBuiltOncePerRecordType() {
        WireFormat format = AvroSerdes.defaultWireFormat();

        assertThat(format.codec(HopObservation.class)).isSameAs(format.codec(HopObservation.class));
        assertThat(format).isSameAs(SingleObjectWireFormat.standard());
    }

    @Test
    void oneSerdeIsSafeToShareBetweenThreads() throws Exception {
        Serde<SpecificRecordBase> hops = serdeFor(SampleRecords.hopV4());
        Serde<SpecificRecordBase> diagnoses = serdeFor(SampleRecords.diagnosisV4());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int task = 0; task < 8; task++) {
                boolean hop = task % 2 == 0;
                SpecificRecordBase record = hop ? SampleRecords.hopV4() : SampleRecords.diagnosisV6BlackHole();
                Serde<SpecificRecordBase> serde = hop ? hops : diagnoses;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        byte[] bytes = serde.serializer().serialize("t", record);
                        if (!record.equals(serde.deserializer().deserialize("t", bytes))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void refusesToWriteARecordOfAnotherTypeUnderItsFingerprint() {
        // What a raw-typed caller (e.g. a misconfigured topology) could do despite the generics.
        Serializer raw = AvroSerdes.serializer(PathDiagnosis.class);

        assertThatThrownBy(() -> raw.serialize(Topics.DIAGNOSES, SampleRecords.hopV4()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("HopObservation")
                .hasMessageContaining("PathDiagnosis")
                .hasMessageContaining(Topics.DIAGNOSES);
    }

    @Test
    void aRecordMissingARequiredFieldFailsWithTheTopicAndTheField() {
        // The no-argument constructor skips the builder's checks, as a hand-filled record might.
        HopObservation incomplete = new HopObservation();
        incomplete.setSequence(1);

        assertThatThrownBy(() -> AvroSerdes.serializer(HopObservation.class)
                .serialize(Topics.HOP_OBSERVATIONS, incomplete))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("HopObservation")
                .hasMessageContaining(Topics.HOP_OBSERVATIONS)
                .hasMessageContaining("pathId");
    }

    @SuppressWarnings("unchecked")
    static <T extends SpecificRecordBase> Serde<T> serdeFor(T record) {
        return AvroSerdes.serde((Class<T>) record.getClass());
    }

    private static Object pathOf(SpecificRecordBase record) {
        return record.getSchema().getField("pathId") != null ? record.get("pathId") : record.get(0);
    }
}
