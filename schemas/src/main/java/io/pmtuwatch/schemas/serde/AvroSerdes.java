package io.pmtuwatch.schemas.serde;

import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The one place that makes Kafka serdes for the Avro contracts. Producers, the topology and sinks all come
 * here, so the wire format can change (say, to a schema registry) in one spot.
 *
 * <p>Null is passed through both ways, so tombstones work on compacted topics. Serdes are thread-safe and
 * cheap to ask for again: codecs are built once per record type. Decoding failures are
 * {@link RecordDecodeException}s.
 */
public final class AvroSerdes {

    private AvroSerdes() {
    }

    /** Serde for a record type in the default format (Avro single-object encoding). */
    public static <T extends SpecificRecordBase> Serde<T> serde(Class<T> recordType) {
        return serde(recordType, defaultWireFormat());
    }

    public static <T extends SpecificRecordBase> Serde<T> serde(Class<T> recordType, WireFormat wireFormat) {
        return Serdes.serdeFrom(serializer(recordType, wireFormat), deserializer(recordType, wireFormat));
    }

    public static <T extends SpecificRecordBase> Serializer<T> serializer(Class<T> recordType) {
        return serializer(recordType, defaultWireFormat());
    }

    public static <T extends SpecificRecordBase> Serializer<T> serializer(Class<T> recordType, WireFormat wireFormat) {
        RecordCodec<T> codec = wireFormat.codec(recordType);
        return (topic, record) -> record == null ? null : codec.encode(topic, record);
    }

    public static <T extends SpecificRecordBase> Deserializer<T> deserializer(Class<T> recordType) {
        return deserializer(recordType, defaultWireFormat());
    }

    public static <T extends SpecificRecordBase> Deserializer<T> deserializer(Class<T> recordType,
            WireFormat wireFormat) {
        RecordCodec<T> codec = wireFormat.codec(recordType);
        return (topic, bytes) -> bytes == null ? null : codec.decode(topic, bytes);
    }

    /** The format every no-format overload uses. */
    public static WireFormat defaultWireFormat() {
        return SingleObjectWireFormat.standard();
    }
}
