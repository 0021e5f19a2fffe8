package io.pmtuwatch.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.UnresolvedUnionException;
import org.apache.avro.generic.GenericData;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;

/**
 * The writer remembers each union's branch per value class; it must write what Avro's own writer writes, also for
 * values whose class does not decide the branch, and refuse what Avro refuses.
 */
class UnionCachingWriterTest {

    @Test
    void randomRecordsOfEveryTypeAreWrittenAsAvrosWriterWritesThem() throws IOException {
        for (Class<? extends SpecificRecordBase> type : MessageTypes.ALL) {
            SpecificData model = SpecificData.getForClass(type);
            Schema schema = model.getSchema(type);
            UnionCachingWriter<Object> caching = new UnionCachingWriter<>(schema, model);
            DatumWriter<Object> avro = model.createDatumWriter(schema);
            RandomRecords records = new RandomRecords(type.getName().hashCode() + 1);
            for (int i = 0; i < 300; i++) {
                SpecificRecordBase record = records.next(type);
                assertThat(write(caching, record)).as("%s #%d", type.getSimpleName(), i).isEqualTo(write(avro, record));
            }
        }
    }

    @Test
    void genericRecordsOfOneClassTakeTheBranchOfTheirOwnSchema() throws IOException {
        Schema a = SchemaBuilder.record("A").fields().requiredInt("x").endRecord();
        Schema b = SchemaBuilder.record("B").fields().requiredString("y").endRecord();
        Schema holder = SchemaBuilder.record("Holder").fields()
                .name("value").type(Schema.createUnion(a, b)).noDefault().endRecord();
        UnionCachingWriter<Object> caching = new UnionCachingWriter<>(holder, SpecificData.get());
        DatumWriter<Object> avro = new SpecificDatumWriter<>(holder, SpecificData.get());

        // Both values are GenericData.Record: remembered by class, the second would be written as an A.
        for (GenericData.Record value : List.of(record(a, "x", 7), record(b, "y", "seven"), record(a, "x", 8))) {
            GenericData.Record written = record(holder, "value", value);
            assertThat(write(caching, written)).isEqualTo(write(avro, written));
        }
        assertThat(write(caching, record(holder, "value", record(b, "y", "z")))[0]).as("branch index B").isEqualTo((byte) 2);
    }

    @Test
    void nullAndValuesTakeTheirBranchWhereverNullIsInTheUnion() throws IOException {
        Schema holder = SchemaBuilder.record("Holder").fields()
                .name("last").type(Schema.createUnion(Schema.create(Schema.Type.STRING), Schema.create(Schema.Type.NULL)))
                .noDefault()
                .name("first").type().optional().intType()
                .endRecord();
        UnionCachingWriter<Object> caching = new UnionCachingWriter<>(holder, SpecificData.get());
        DatumWriter<Object> avro = new SpecificDatumWriter<>(holder, SpecificData.get());

        for (int round = 0; round < 2; round++) {
            for (Object[] values : List.of(new Object[]{null, null}, new Object[]{"s", 3}, new Object[]{null, 4})) {
                GenericData.Record written = new GenericData.Record(holder);
                written.put("last", values[0]);
                written.put("first", values[1]);
                assertThat(write(caching, written)).isEqualTo(write(avro, written));
            }
        }
    }

    @Test
    void aValueNoBranchTakesIsRefusedEveryTime() throws IOException {
        Schema holder = SchemaBuilder.record("Holder").fields().optionalString("text").endRecord();
        UnionCachingWriter<Object> caching = new UnionCachingWriter<>(holder, SpecificData.get());
        GenericData.Record good = record(holder, "text", "fine");
        GenericData.Record bad = record(holder, "text", 42);

        for (int round = 0; round < 2; round++) {
            assertThatThrownBy(() -> write(caching, bad)).isInstanceOf(UnresolvedUnionException.class);
            assertThat(write(caching, good)).isEqualTo(write(new SpecificDatumWriter<>(holder, SpecificData.get()), good));
        }
    }

    private static GenericData.Record record(Schema schema, String field, Object value) {
        GenericData.Record record = new GenericData.Record(schema);
        record.put(field, value);
        return record;
    }

    private static byte[] write(DatumWriter<Object> writer, Object datum) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        writer.write(datum, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
