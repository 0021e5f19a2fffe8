package io.pmtuwatch.schemas.serde;

import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Turns one record type into message bytes and back, in the format of the {@link WireFormat} that made it.
 * Thread-safe. Null handling (tombstones) is the serde's job, so both methods take non-null input.
 *
 * @param <T> the generated record class
 */
public interface RecordCodec<T extends SpecificRecordBase> {

    /**
     * Encodes a record for the given topic (the topic only goes into error messages).
     *
     * @throws SerializationException when the record cannot be written, e.g. a required field is null
     */
    byte[] encode(String topic, T record);

    /**
     * Decodes message bytes read from the given topic into the current version of the record.
     *
     * @throws RecordDecodeException when the bytes are not a readable record of this type
     */
    T decode(String topic, byte[] bytes);
}
