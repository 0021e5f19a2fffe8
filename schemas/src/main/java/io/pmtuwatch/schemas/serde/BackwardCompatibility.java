package io.pmtuwatch.schemas.serde;

import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaIncompatibilityType;

/**
 * The one compatibility rule of the contract: the current schema must read everything any released version
 * wrote. Used at start-up (a broken history must not decode garbage) and by the schema-evolution test
 * (a breaking change must fail the build).
 */
public final class BackwardCompatibility {

    private BackwardCompatibility() {
    }

    /**
     * What stops {@code reader} from reading data written with {@code writer}, one line per problem with
     * its kind, location (a JSON pointer into the reader schema) and Avro's explanation; empty when the
     * reader can read the writer.
     */
    public static List<String> problems(Schema reader, Schema writer) {
        return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer)
                .getResult()
                .getIncompatibilities()
                .stream()
                .map(BackwardCompatibility::describe)
                .toList();
    }

    private static String describe(Incompatibility incompatibility) {
        return incompatibility.getType() + " at " + incompatibility.getLocation() + ": " + incompatibility.getMessage()
                + hint(incompatibility);
    }

    // Avro reports a reader field that the writer lacks, whose type is an enum with a default, as the enum
    // mismatching the writer's whole record: a confusing message for a common slip, so spell it out.
    private static String hint(Incompatibility incompatibility) {
        Schema reader = incompatibility.getReaderFragment();
        Schema writer = incompatibility.getWriterFragment();
        if (incompatibility.getType() == SchemaIncompatibilityType.TYPE_MISMATCH
                && reader.getType() == Schema.Type.ENUM && writer.getType() == Schema.Type.RECORD) {
            return " (if the writer lacks this field: a field of enum type " + reader.getName()
                    + " needs a field default; the enum's own default only covers unknown symbols)";
        }
        return "";
    }
}
