package io.pmtuwatch.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;

/**
 * The codec decodes from the byte array itself instead of through Avro's BinaryMessageDecoder on a stream; for
 * whole, truncated, extended and corrupted messages of every type it must come to the same record or the same
 * error text as that decoder did.
 */
class DecodedRecordsTest {

    private static final SingleObjectWireFormat FORMAT = SingleObjectWireFormat.standard();

    @Test
    void wholeAndDamagedMessagesOfEveryTypeDecodeAsAvrosDecoderDid() {
        for (Class<? extends SpecificRecordBase> type : MessageTypes.ALL) {
            compareOn(type);
        }
    }

    private static <T extends SpecificRecordBase> void compareOn(Class<T> type) {
        RecordCodec<T> codec = FORMAT.codec(type);
        BinaryMessageDecoder<T> avro = avroDecoder(type);
        RandomRecords records = new RandomRecords(type.getName().hashCode() + 1);
        Random random = new Random(type.getName().hashCode());
        int failures = 0;
        for (int i = 0; i < 25; i++) {
            byte[] whole = codec.encode("t", records.next(type));
            failures += compare(type, codec, avro, whole);
            failures += compare(type, codec, avro, Arrays.copyOf(whole, whole.length + 1 + random.nextInt(3)));
            for (int cut = SingleObjectHeader.LENGTH; cut < whole.length; cut += 1 + random.nextInt(Math.max(7, whole.length / 30))) {
                failures += compare(type, codec, avro, Arrays.copyOf(whole, cut));
            }
            for (int flips = 0; flips < 10; flips++) {
                byte[] damaged = whole.clone();
                int at = SingleObjectHeader.LENGTH + random.nextInt(whole.length - SingleObjectHeader.LENGTH);
                damaged[at] = (byte) random.nextInt(256);
                failures += compare(type, codec, avro, damaged);
            }
        }
        // The damage must reach the error paths, not only produce other valid records.
        assertThat(failures).as(type.getSimpleName()).isGreaterThan(200);
    }

    /** 1 when the message failed to decode (both ways alike), else 0. */
    private static <T extends SpecificRecordBase> int compare(Class<T> type, RecordCodec<T> codec,
            BinaryMessageDecoder<T> avro, byte[] message) {
        String expected = avroOutcome(avro, message);
        Object actual;
        try {
            actual = codec.decode("t", message);
        } catch (RecordDecodeException e) {
            assertThat(e.reason()).isEqualTo(RecordDecodeException.Reason.MALFORMED_BODY);
            assertThat(e.getMessage()).as("%s %s", type.getSimpleName(), Arrays.toString(message)).contains(expected);
            return 1;
        }
        assertThat(actual).as("%s %s", type.getSimpleName(), Arrays.toString(message)).hasToString(expected);
        return 0;
    }

    /** What the codec made of a message before: the record, or the detail in its error message. */
    private static <T> String avroOutcome(BinaryMessageDecoder<T> avro, byte[] message) {
        ByteArrayInputStream in = new ByteArrayInputStream(message);
        T record;
        try {
            record = avro.decode(in, null);
        } catch (Exception e) {
            return "does not decode (" + e.getMessage() + rootCause(e) + ")";
        }
        return in.available() > 0 ? "is followed by " + in.available() + " unexpected trailing bytes"
                : String.valueOf(record);
    }

    private static <T extends SpecificRecordBase> BinaryMessageDecoder<T> avroDecoder(Class<T> type) {
        SpecificData model = SpecificData.getForClass(type);
        Schema current = model.getSchema(type);
        SchemaStore.Cache store = new SchemaStore.Cache();
        SchemaHistory.standard().versionsOf(current).forEach(version -> store.addSchema(version.schema()));
        return new BinaryMessageDecoder<>(model, current, store);
    }

    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? "" : ": " + root;
    }
}
