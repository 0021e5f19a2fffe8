package io.pmtuwatch.schemas.serde;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Avro's single-object encoding: marker, 8-byte writer schema fingerprint, binary body. No registry service:
 * the fingerprint is resolved against the {@link SchemaHistory} shipped in this jar.
 */
public final class SingleObjectWireFormat implements WireFormat {

    private final SchemaHistory history;
    private final ConcurrentMap<Class<?>, RecordCodec<?>> codecs = new ConcurrentHashMap<>();

    private SingleObjectWireFormat(SchemaHistory history) {
        this.history = history;
    }

    /** The format over the history shipped in this jar; one shared instance, so codecs are built once per type. */
    public static SingleObjectWireFormat standard() {
        return Standard.INSTANCE;
    }

    /** A format over another history (tests, tools). */
    static SingleObjectWireFormat over(SchemaHistory history) {
        return new SingleObjectWireFormat(history);
    }

    @Override
    @SuppressWarnings("unchecked") // the map only ever pairs a class with a codec of that class
    public <T extends SpecificRecordBase> RecordCodec<T> codec(Class<T> recordType) {
        return (RecordCodec<T>) codecs.computeIfAbsent(recordType,
                type -> new SingleObjectCodec<>(recordType, history));
    }

    // Holder idiom: the history is read on first use, not when this class is merely referenced.
    private static final class Standard {
        static final SingleObjectWireFormat INSTANCE = new SingleObjectWireFormat(SchemaHistory.standard());
    }
}
