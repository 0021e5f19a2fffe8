package io.pmtuwatch.schemas.serde;

import org.apache.avro.Schema;

/**
 * One version of a record's schema that a reader accepts as a writer: a released one from the history
 * folder ({@code v1}, {@code v2}, ...) or the current, not yet released one compiled into the classes.
 *
 * @param record full name of the record, e.g. {@code io.pmtuwatch.schemas.HopObservation}
 * @param label {@code v<N>} for a released version, {@code current} for the compiled schema
 * @param schema the writer schema
 * @param fingerprint its single-object fingerprint
 */
public record SchemaVersion(String record, String label, Schema schema, long fingerprint) {

    static final String CURRENT = "current";

    static SchemaVersion released(int number, Schema schema) {
        return new SchemaVersion(schema.getFullName(), "v" + number, schema, Fingerprints.of(schema));
    }

    static SchemaVersion current(Schema schema) {
        return new SchemaVersion(schema.getFullName(), CURRENT, schema, Fingerprints.of(schema));
    }

    /** Short name of the record, as used for the history folder and in messages. */
    public String recordSimpleName() {
        return schema.getName();
    }

    /** E.g. {@code HopObservation v1 (fingerprint e0bf3d08e74bf6e7)}: how error messages name a version. */
    public String describe() {
        return recordSimpleName() + " " + label + " (fingerprint " + Fingerprints.hex(fingerprint) + ")";
    }
}
