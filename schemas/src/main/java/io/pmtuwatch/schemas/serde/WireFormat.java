package io.pmtuwatch.schemas.serde;

import org.apache.avro.specific.SpecificRecordBase;

/**
 * How records are laid out in Kafka message bytes. Callers never pick a format themselves: they ask
 * {@link AvroSerdes}, so a registry-based format can replace Avro's single-object encoding later without
 * touching producers or the topology.
 */
public interface WireFormat {

    /**
     * The codec for one record type. Implementations create it once per type and return the same,
     * thread-safe instance on every call, so asking again is cheap.
     */
    <T extends SpecificRecordBase> RecordCodec<T> codec(Class<T> recordType);
}
