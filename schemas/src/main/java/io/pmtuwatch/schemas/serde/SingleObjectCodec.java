package io.pmtuwatch.schemas.serde;

import static java.util.stream.Collectors.joining;
import static java.util.stream.Collectors.toUnmodifiableMap;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Avro single-object encoding for one record type. Writes with the current schema; reads any version in the
 * record's {@link SchemaHistory}, resolved to the current class (missing fields get their defaults).
 * Thread-safe: Avro's datum writers and readers are, encoding uses a per-thread {@link EncodeScratch}, decoding
 * a per-thread decoder, and everything else here is immutable.
 *
 * <p>Encoding writes the same bytes as Avro's {@code BinaryMessageEncoder} (header, then the datum writer's
 * body), but into a reused per-thread buffer instead of a new stream per message; see {@link EncodeScratch}.
 * Decoding reads like Avro's {@code BinaryMessageDecoder} (a resolving reader per writer schema), but from the
 * byte array itself instead of byte by byte from a synchronized {@code ByteArrayInputStream}.
 */
final class SingleObjectCodec<T extends SpecificRecordBase> implements RecordCodec<T> {

    private final Class<T> type;
    private final String recordName;
    private final SchemaHistory history;
    private final Map<Long, SchemaVersion> readableVersions;
    private final String readableDescription;
    private final byte[] header;
    private final DatumWriter<T> writer;
    private final Map<Long, DatumReader<T>> readers;

    private static final ThreadLocal<BinaryDecoder> DECODER = new ThreadLocal<>();

    SingleObjectCodec(Class<T> type, SchemaHistory history) {
        // The class's own model carries the conversions of its logical types (timestamp-millis <-> Instant).
        SpecificData model = SpecificData.getForClass(type);
        Schema current = model.getSchema(type);
        List<SchemaVersion> versions = history.versionsOf(current);

        this.type = type;
        this.recordName = current.getName();
        this.history = history;
        this.readableVersions = versions.stream()
                .collect(toUnmodifiableMap(SchemaVersion::fingerprint, Function.identity(), (older, newer) -> older));
        this.readableDescription = versions.stream()
                .map(version -> version.label() + " " + Fingerprints.hex(version.fingerprint()))
                .collect(joining(", "));
        this.header = SingleObjectHeader.of(Fingerprints.of(current));
        // What model.createDatumWriter gives, with each union's branch resolved once per value class.
        this.writer = new UnionCachingWriter<>(current, model);
        long currentFingerprint = Fingerprints.of(current);
        this.readers = readableVersions.values().stream().collect(toUnmodifiableMap(SchemaVersion::fingerprint,
                // As Avro's message decoder: the current schema itself for its own fingerprint.
                version -> reader(model, version.fingerprint() == currentFingerprint ? current : version.schema(),
                        current)));
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
        BinaryDecoder in = DecoderFactory.get().binaryDecoder(bytes, SingleObjectHeader.LENGTH,
                bytes.length - SingleObjectHeader.LENGTH, DECODER.get());
        DECODER.set(in);
        T record;
        int trailing;
        try {
            try {
                record = readers.get(fingerprint).read(null, in);
                trailing = in.inputStream().available();
            } catch (IOException e) {
                // Avro's message decoder wraps read errors so; kept, so that error texts stay what they were.
                throw new AvroRuntimeException("Decoding datum failed", e);
            }
        } catch (RuntimeException e) {
            throw RecordDecodeException.malformedBody(topic, recordName, writer,
                    "does not decode (" + e.getMessage() + rootCause(e) + ")", e);
        }
        // Avro stops after the last field; extra bytes mean the message was damaged or spliced.
        if (trailing > 0) {
            throw RecordDecodeException.malformedBody(topic, recordName, writer,
                    "is followed by " + trailing + " unexpected trailing bytes", null);
        }
        return record;
    }

    @SuppressWarnings("unchecked") // the class's model reads instances of the class
    private static <T> DatumReader<T> reader(SpecificData model, Schema writer, Schema current) {
        return (DatumReader<T>) model.createDatumReader(writer, current);
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
