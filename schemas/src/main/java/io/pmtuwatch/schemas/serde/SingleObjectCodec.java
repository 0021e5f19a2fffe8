package io.pmtuwatch.schemas.serde;

import static java.util.stream.Collectors.joining;
import static java.util.stream.Collectors.toUnmodifiableMap;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Avro single-object encoding for one record type. Writes with the current schema; reads any version in the
 * record's {@link SchemaHistory}, resolved to the current class (missing fields get their defaults).
 * Thread-safe: Avro's datum writer and message decoder are, encoding uses a per-thread {@link EncodeScratch},
 * and everything else here is immutable.
 *
 * <p>Encoding writes the same bytes as Avro's {@code BinaryMessageEncoder} (header, then the datum writer's
 * body), but into a reused per-thread buffer instead of a new stream per message; see {@link EncodeScratch}.
 */
final class SingleObjectCodec<T extends SpecificRecordBase> implements RecordCodec<T> {

    private final Class<T> type;
    private final String recordName;
    private final SchemaHistory history;
    private final Map<Long, SchemaVersion> readableVersions;
    private final String readableDescription;
    private final byte[] header;
    private final DatumWriter<T> writer;
    private final BinaryMessageDecoder<T> decoder;

    SingleObjectCodec(Class<T> type, SchemaHistory history) {
        // The class's own model carries the conversions of its logical types (timestamp-millis <-> Instant).
        SpecificData model = SpecificData.getForClass(type);
        Schema current = model.getSchema(type);
        List<SchemaVersion> versions = history.versionsOf(current);
        SchemaStore.Cache store = new SchemaStore.Cache();
        versions.forEach(version -> store.addSchema(version.schema()));

        this.type = type;
        this.recordName = current.getName();
        this.history = history;
        this.readableVersions = versions.stream()
                .collect(toUnmodifiableMap(SchemaVersion::fingerprint, Function.identity(), (older, newer) -> older));
        this.readableDescription = versions.stream()
                .map(version -> version.label() + " " + Fingerprints.hex(version.fingerprint()))
                .collect(joining(", "));
        this.header = SingleObjectHeader.of(Fingerprints.of(current));
        @SuppressWarnings("unchecked") // the class's model writes instances of the class
        DatumWriter<T> writer = (DatumWriter<T>) model.createDatumWriter(current);
        this.writer = writer;
        this.decoder = new BinaryMessageDecoder<>(model, current, store);
    }

    @Override
    public byte[] encode(String topic, T record) {
        // Serializer<T> is erased at run time; without this check a record of another type would be written
        // field by field under this type's fingerprint and decode as nonsense downstream.
        if (!type.isInstance(record)) {
            throw new SerializationException("Cannot encode a " + record.getClass().getName() + " for topic '" + topic
                    + "' with the serde of " + recordName + ": use the serde of the record's own type");
        }
        try {
            EncodeScratch scratch = EncodeScratch.forThisThread();
            writer.write(record, scratch.start(header));
            return scratch.finish();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot encode a " + recordName + " for topic '" + topic + "': "
                    + e.getMessage() + ". Set every required field (the record's builder checks them).", e);
        }
    }

    @Override
    public T decode(String topic, byte[] bytes) {
        String headerProblem = SingleObjectHeader.problem(bytes);
        if (headerProblem != null) {
            throw RecordDecodeException.badHeader(topic, recordName, headerProblem);
        }
        long fingerprint = SingleObjectHeader.fingerprint(bytes);
        SchemaVersion writer = readableVersions.get(fingerprint);
        if (writer == null) {
            throw unreadable(topic, fingerprint);
        }
        ByteArrayInputStream in = new ByteArrayInputStream(bytes);
        T record;
        try {
            record = decoder.decode(in, null);
        } catch (IOException | RuntimeException e) {
            throw RecordDecodeException.malformedBody(topic, recordName, writer,
                    "does not decode (" + e.getMessage() + rootCause(e) + ")", e);
        }
        // Avro stops after the last field; extra bytes mean the message was damaged or spliced.
        if (in.available() > 0) {
            throw RecordDecodeException.malformedBody(topic, recordName, writer,
                    "is followed by " + in.available() + " unexpected trailing bytes", null);
        }
        return record;
    }

    private RecordDecodeException unreadable(String topic, long fingerprint) {
        return history.find(fingerprint)
                .filter(other -> !other.recordSimpleName().equals(recordName))
                .map(other -> RecordDecodeException.wrongRecordType(topic, recordName, other))
                .orElseGet(() -> RecordDecodeException.unknownSchema(topic, recordName, fingerprint, readableDescription));
    }

    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? "" : ": " + root;
    }
}
