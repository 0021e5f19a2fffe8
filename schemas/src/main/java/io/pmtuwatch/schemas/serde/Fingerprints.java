package io.pmtuwatch.schemas.serde;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * The schema fingerprint that single-object encoding puts in every message: CRC-64-AVRO of the schema's
 * parsing canonical form. Docs, defaults and Java hints do not change it; names, types, field order and
 * enum symbols do.
 */
public final class Fingerprints {

    private Fingerprints() {
    }

    public static long of(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    /**
     * The fingerprint as 16 hex digits of the unsigned number. Log lines and error messages use this one form,
     * so an operator can match an error against the versions listed at start-up. (On the wire the same number
     * is stored little-endian, so a hex dump shows its bytes reversed.)
     */
    public static String hex(long fingerprint) {
        return String.format("%016x", fingerprint);
    }
}
