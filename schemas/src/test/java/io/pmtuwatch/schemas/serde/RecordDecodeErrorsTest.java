package io.pmtuwatch.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.Topics;
import io.pmtuwatch.schemas.serde.RecordDecodeException.Reason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class RecordDecodeErrorsTest {

    private static final String TOPIC = Topics.HOP_OBSERVATIONS;

    @Test
    void bytesWithoutTheMarkerAreABadHeader() {
        byte[] json = "{\"pathId\":\"fra-1|192.0.2.7|tcp|443|v4\"}".getBytes(StandardCharsets.UTF_8);

        RecordDecodeException e = decodeFailure(HopObservation.class, TOPIC, json);

        assertThat(e).isInstanceOf(SerializationException.class);
        assertThat(e.reason()).isEqualTo(Reason.BAD_HEADER);
        assertThat(e.topic()).isEqualTo(TOPIC);
        assertThat(e.expectedRecord()).isEqualTo("HopObservation");
        assertThat(e.fingerprint()).isEmpty();
        assertThat(e).hasMessageContaining("'" + TOPIC + "'")
                .hasMessageContaining("7B 22")
                .hasMessageContaining("C3 01")
                .hasMessageContaining("fix the producer");
    }

    @Test
    void aValueShorterThanTheHeaderIsABadHeader() {
        RecordDecodeException tooShort = decodeFailure(HopObservation.class, TOPIC, new byte[] {(byte) 0xC3, 0x01, 7, 7, 7});
        RecordDecodeException empty = decodeFailure(HopObservation.class, TOPIC, new byte[0]);

        assertThat(tooShort.reason()).isEqualTo(Reason.BAD_HEADER);
        assertThat(tooShort).hasMessageContaining("5 bytes").hasMessageContaining("10-byte");
        assertThat(empty.reason()).isEqualTo(Reason.BAD_HEADER);
        assertThat(empty).hasMessageContaining("0 bytes");
    }

    @Test
    void aFingerprintNoVersionHasIsAnUnknownSchemaNamedInHex() {
        // A producer already on a future HopObservation: one more optional field.
        Schema future = withExtraOptionalField(HopObservation.getClassSchema(), "ecnCodepoint");
        byte[] bytes = OlderWriterTest.encode(future, asGeneric(SampleRecords.hopV4(), future));
        long fingerprint = Fingerprints.of(future);

        RecordDecodeException e = decodeFailure(HopObservation.class, TOPIC, bytes);

        assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_SCHEMA);
        assertThat(e.fingerprint()).hasValue(fingerprint);
        assertThat(e).hasMessageContaining("'" + TOPIC + "'")
                .hasMessageContaining(Fingerprints.hex(fingerprint))
                .hasMessageContaining("v1 " + Fingerprints.hex(Fingerprints.of(OlderWriterTest.released("HopObservation", 1))))
                .hasMessageContaining(currentLabel() + " " + Fingerprints.hex(Fingerprints.of(HopObservation.getClassSchema())))
                .hasMessageContaining("upgrade");
    }

    @Test
    void anArbitraryFingerprintIsAnUnknownSchema() {
        byte[] bytes = encode(SampleRecords.hopV4());
        ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(0x0123456789abcdefL);

        RecordDecodeException e = decodeFailure(HopObservation.class, TOPIC, bytes);

        assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_SCHEMA);
        assertThat(e).hasMessageContaining("0123456789abcdef");
    }

    @Test
    void aTruncatedBodyIsMalformed() {
        byte[] whole = encode(SampleRecords.hopV4());

        RecordDecodeException e = decodeFailure(HopObservation.class, TOPIC, Arrays.copyOf(whole, whole.length - 3));

        assertThat(e.reason()).isEqualTo(Reason.MALFORMED_BODY);
        assertThat(e.fingerprint()).hasValue(Fingerprints.of(HopObservation.getClassSchema()));
        assertThat(e.getCause()).isNotNull();
        assertThat(e).hasMessageContaining("'" + TOPIC + "'")
                .hasMessageContaining("HopObservation " + currentLabel())
                .hasMessageContaining("corrupt or truncated");
    }

    @Test
    void aHeaderWithoutBodyIsMalformed() {
        byte[] headerOnly = Arrays.copyOf(encode(SampleRecords.hopV4()), SingleObjectHeader.LENGTH);

        assertThat(decodeFailure(HopObservation.class, TOPIC, headerOnly).reason()).isEqualTo(Reason.MALFORMED_BODY);
    }

    @Test
    void trailingBytesAfterTheRecordAreMalformed() {
        byte[] whole = encode(SampleRecords.hopV4());
        byte[] padded = Arrays.copyOf(whole, whole.length + 4);

        RecordDecodeException e = decodeFailure(HopObservation.class, TOPIC, padded);

        assertThat(e.reason()).isEqualTo(Reason.MALFORMED_BODY);
        assertThat(e).hasMessageContaining("4 unexpected trailing bytes");
    }

    @Test
    void aHopObservationOnTheDiagnosisTopicIsTheWrongRecordType() {
        byte[] hop = encode(SampleRecords.hopV4());

        RecordDecodeException e = decodeFailure(PathDiagnosis.class, Topics.DIAGNOSES, hop);

        assertThat(e.reason()).isEqualTo(Reason.WRONG_RECORD_TYPE);
        assertThat(e.expectedRecord()).isEqualTo("PathDiagnosis");
        assertThat(e.fingerprint()).hasValue(Fingerprints.of(HopObservation.getClassSchema()));
        assertThat(e).hasMessageContaining("Cannot decode a PathDiagnosis from topic '" + Topics.DIAGNOSES + "'")
                .hasMessageContaining("it is a HopObservation " + currentLabel())
                .hasMessageContaining("wrong record type");
    }

    @Test
    void anOldHopObservationOnTheDiagnosisTopicIsAlsoTheWrongRecordType() {
        Schema v1 = OlderWriterTest.released("HopObservation", 1);
        GenericRecord old = OlderWriterTest.hopObservationV1(v1);

        RecordDecodeException e = decodeFailure(PathDiagnosis.class, Topics.DIAGNOSES, OlderWriterTest.encode(v1, old));

        assertThat(e.reason()).isEqualTo(Reason.WRONG_RECORD_TYPE);
        assertThat(e).hasMessageContaining("HopObservation v1");
    }

    @Test
    void aDeserializerKeepsWorkingAfterABadMessage() {
        var deserializer = AvroSerdes.deserializer(HopObservation.class);
        byte[] good = encode(SampleRecords.hopV4());

        decodeFailure(HopObservation.class, TOPIC, Arrays.copyOf(good, good.length - 1));

        assertThat(deserializer.deserialize(TOPIC, good)).isEqualTo(SampleRecords.hopV4());
    }

    private static byte[] encode(SpecificRecordBase record) {
        return AvroSerdesRoundTripTest.serdeFor(record).serializer().serialize("any", record);
    }

    private static <T extends SpecificRecordBase> RecordDecodeException decodeFailure(Class<T> type, String topic,
            byte[] bytes) {
        RecordDecodeException e = catchThrowableOfType(RecordDecodeException.class,
                () -> AvroSerdes.deserializer(type).deserialize(topic, bytes));
        assertThat(e).as("decoding should have failed").isNotNull();
        return e;
    }

    /** The record as a generic record of a newer schema, by letting Avro resolve it like a newer reader would. */
    private static GenericRecord asGeneric(SpecificRecordBase record, Schema newer) {
        BinaryMessageDecoder<GenericRecord> decoder = new BinaryMessageDecoder<>(GenericData.get(), newer);
        decoder.addSchema(record.getSchema());
        try {
            return decoder.decode(encode(record));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Schema withExtraOptionalField(Schema schema, String name) {
        String json = schema.toString();
        String extra = ",{\"name\":\"" + name + "\",\"type\":[\"null\",\"int\"],\"default\":null}]}";
        // The record's own field list is the last one in its JSON; append the new field to it.
        return new Schema.Parser().parse(json.substring(0, json.length() - 2) + extra);
    }

    /** How the history labels the current HopObservation schema: "current" until released, then its vN. */
    private static String currentLabel() {
        long fingerprint = Fingerprints.of(HopObservation.getClassSchema());
        return SchemaHistory.standard().versionsOf(HopObservation.getClassSchema()).stream()
                .filter(v -> v.fingerprint() == fingerprint).findFirst().orElseThrow().label();
    }
}
