package io.pmtuwatch.schemas.serde;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Random instances of a generated record, every field filled by walking its schema: both branches of nullable
 * unions, empty and long arrays, strings from empty to several KB with non-ASCII characters, extreme numbers.
 * (Avro's own RandomData does not apply the classes' logical-type conversions, so its records do not fit them.)
 */
final class RandomRecords {

    private static final String ALPHABET = "abcXYZ019.:-_ éü€漢🙂";

    private final Random random;

    RandomRecords(long seed) {
        this.random = new Random(seed);
    }

    <T extends SpecificRecordBase> T next(Class<T> type) {
        SpecificData model = SpecificData.getForClass(type);
        return type.cast(value(model, model.getSchema(type)));
    }

    private Object value(SpecificData model, Schema schema) {
        return switch (schema.getType()) {
            case RECORD -> {
                Object record = model.newRecord(null, schema);
                for (Schema.Field field : schema.getFields()) {
                    model.setField(record, field.name(), field.pos(), value(model, field.schema()));
                }
                yield record;
            }
            case UNION -> value(model, schema.getTypes().get(random.nextInt(schema.getTypes().size())));
            case ENUM -> model.createEnum(schema.getEnumSymbols().get(random.nextInt(schema.getEnumSymbols().size())),
                    schema);
            case ARRAY -> {
                int size = random.nextInt(8) == 0 ? 40 + random.nextInt(60) : random.nextInt(4);
                List<Object> items = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    items.add(value(model, schema.getElementType()));
                }
                yield items;
            }
            case STRING -> string();
            case INT -> pick(0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, random.nextInt(), random.nextInt(2000));
            case LONG -> {
                long value = pick(0L, -1L, Long.MAX_VALUE / 4, random.nextLong() >> random.nextInt(64),
                        (long) random.nextInt(100_000));
                yield schema.getLogicalType() instanceof LogicalTypes.TimestampMillis
                        ? Instant.ofEpochMilli(value % 100_000_000_000_000L) : value;
            }
            case BOOLEAN -> random.nextBoolean();
            case NULL -> null;
            default -> throw new IllegalArgumentException("no generator for " + schema.getType() + " yet");
        };
    }

    private String string() {
        int length = switch (random.nextInt(10)) {
            case 0 -> 0;
            case 1 -> 2000 + random.nextInt(3000);
            default -> random.nextInt(40);
        };
        StringBuilder text = new StringBuilder(length);
        while (text.length() < length) {
            text.appendCodePoint(ALPHABET.codePointAt(ALPHABET.offsetByCodePoints(0,
                    random.nextInt(ALPHABET.codePointCount(0, ALPHABET.length())))));
        }
        return text.toString();
    }

    @SafeVarargs
    private <V> V pick(V... values) {
        return values[random.nextInt(values.length)];
    }
}
