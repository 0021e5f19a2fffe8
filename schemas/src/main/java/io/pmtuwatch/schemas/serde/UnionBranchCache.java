package io.pmtuwatch.schemas.serde;

import java.util.Arrays;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.specific.SpecificRecord;

/**
 * The branches of one union that Avro's model resolved, by the class of the value written. Avro resolves a union
 * branch for every nullable field of every message (the model looks up the value's logical-type conversions,
 * whether its class is "stringable", its schema name and then the branch by name: about 40% of encoding a
 * diagnosis, which has dozens of nullable fields); for a given union that answer depends only on the value's
 * class, except for Avro's generic containers (a {@code GenericData.Record}, enum symbol or fixed carries its own
 * schema), which are never remembered here. Thread-safe: the remembered classes are replaced as a whole.
 */
final class UnionBranchCache {

    /** Unions have a few branches; past this many classes nothing more is remembered (all resolved as before). */
    private static final int MAX_CLASSES = 8;

    private static final int UNKNOWN = -1;

    /** A class and the branch its values take. */
    private record Known(Class<?> type, int branch) {
    }

    private volatile int nullBranch = UNKNOWN;
    // Replaced as a whole, never changed in place.
    private volatile Known[] known = new Known[0];

    /** The branch remembered for {@code value}'s class (or for null), or -1 when it must be resolved. */
    int branchOf(Object value) {
        if (value == null) {
            return nullBranch;
        }
        Class<?> type = value.getClass();
        for (Known each : known) {
            if (each.type() == type) {
                return each.branch();
            }
        }
        return UNKNOWN;
    }

    /** Remembers the branch Avro resolved for {@code value}, when its class alone decides it. */
    void remember(Object value, int branch) {
        if (value == null) {
            nullBranch = branch;
            return;
        }
        if (value instanceof GenericContainer && !(value instanceof SpecificRecord || value instanceof Enum<?>)) {
            return; // its schema is its own, not its class's
        }
        synchronized (this) {
            Known[] before = known;
            if (before.length >= MAX_CLASSES || branchOf(value) != UNKNOWN) {
                return;
            }
            Known[] after = Arrays.copyOf(before, before.length + 1);
            after[before.length] = new Known(value.getClass(), branch);
            known = after;
        }
    }
}
