package io.pmtuwatch.schemas.serde;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * Avro's writer for a class's model, with the branch of each union in its schema resolved once per value class
 * ({@link UnionBranchCache}) instead of for every value written. It writes the same bytes: the branch remembered
 * is the one Avro's model resolved; a value whose class does not decide it, and a union not in the schema given
 * here, are resolved by the model every time.
 */
final class UnionCachingWriter<T> extends SpecificDatumWriter<T> {

    // Filled here and only read afterwards (the codec shares this writer between threads).
    private final Map<Schema, UnionBranchCache> unions = new IdentityHashMap<>();

    UnionCachingWriter(Schema schema, SpecificData model) {
        super(schema, model);
        collectUnions(schema, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private void collectUnions(Schema schema, Set<Schema> records) {
        switch (schema.getType()) {
            case UNION -> {
                unions.putIfAbsent(schema, new UnionBranchCache());
                schema.getTypes().forEach(branch -> collectUnions(branch, records));
            }
            case RECORD -> {
                if (records.add(schema)) { // a record may refer to itself
                    schema.getFields().forEach(field -> collectUnions(field.schema(), records));
                }
            }
            case ARRAY -> collectUnions(schema.getElementType(), records);
            case MAP -> collectUnions(schema.getValueType(), records);
            default -> {
            }
        }
    }

    @Override
    protected int resolveUnion(Schema union, Object datum) {
        UnionBranchCache cache = unions.get(union);
        if (cache == null) {
            return super.resolveUnion(union, datum);
        }
        int branch = cache.branchOf(datum);
        if (branch < 0) {
            branch = super.resolveUnion(union, datum);
            cache.remember(datum, branch);
        }
        return branch;
    }
}
