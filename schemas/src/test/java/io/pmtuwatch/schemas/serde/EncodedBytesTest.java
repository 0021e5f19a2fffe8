package io.pmtuwatch.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pmtuwatch.schemas.PathDiagnosis;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/**
 * The codec writes into a reused per-thread buffer instead of going through Avro's BinaryMessageEncoder; every
 * byte must still be the one Avro's encoder writes, for every message type, on every thread.
 */
class EncodedBytesTest {

    private static final SingleObjectWireFormat FORMAT = SingleObjectWireFormat.standard();

    @Test
    void randomRecordsOfEveryTypeEncodeToAvrosOwnBytes() throws IOException {
        for (Class<? extends SpecificRecordBase> type : MessageTypes.ALL) {
            RandomRecords records = new RandomRecords(type.getName().hashCode());
            int longest = 0;
            for (int i = 0; i < 300; i++) {
                SpecificRecordBase record = records.next(type);
                byte[] expected = avroEncoding(record);

                assertThat(encode(record)).as("%s #%d", type.getSimpleName(), i).isEqualTo(expected);
                longest = Math.max(longest, expected.length);
            }
            // The strings of several KB take the buffer past its initial size and the encoder's 2 KB chunks.
            assertThat(longest).as(type.getSimpleName()).isGreaterThan(8192);
        }
    }

    @Test
    void theSamplesEncodeToAvrosOwnBytes() throws IOException {
        for (SpecificRecordBase record : SampleRecords.all()) {
            assertThat(encode(record)).isEqualTo(avroEncoding(record));
        }
    }

    @Test
    void aFailedEncodeLeavesNothingBehindForTheNextMessage() throws IOException {
        // Fails after the first fields are already in the encoder's buffer.
        PathDiagnosis incomplete = PathDiagnosis.newBuilder(SampleRecords.diagnosisV4()).build();
        incomplete.setMss(null);
        PathDiagnosis complete = SampleRecords.diagnosisV4();

        assertThatThrownBy(() -> encode(incomplete)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("mss");
        assertThat(encode(complete)).isEqualTo(avroEncoding(complete));
    }

    @Test
    void threadsEncodingAtOnceEachGetAvrosBytes() throws Exception {
        List<SpecificRecordBase> records = new ArrayList<>();
        RandomRecords random = new RandomRecords(14);
        for (int i = 0; i < 200; i++) {
            records.add(random.next(MessageTypes.ALL.get(i % MessageTypes.ALL.size())));
        }
        List<byte[]> expected = new ArrayList<>();
        for (SpecificRecordBase record : records) {
            expected.add(avroEncoding(record));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t * 37;
                tasks.add(() -> {
                    int checked = 0;
                    for (int round = 0; round < 20; round++) {
                        for (int i = 0; i < records.size(); i++) {
                            int index = (i + offset) % records.size();
                            assertThat(encode(records.get(index))).isEqualTo(expected.get(index));
                            checked++;
                        }
                    }
                    return checked;
                });
            }
            for (Future<Integer> done : pool.invokeAll(tasks)) {
                assertThat(done.get()).isEqualTo(20 * records.size());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends SpecificRecordBase> byte[] encode(T record) {
        return FORMAT.codec((Class<T>) record.getClass()).encode("some-topic", record);
    }

    /** What the codec wrote before it had its own buffer: Avro's message encoder into a fresh stream. */
    private static byte[] avroEncoding(SpecificRecordBase record) throws IOException {
        SpecificData model = SpecificData.getForClass(record.getClass());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new BinaryMessageEncoder<SpecificRecordBase>(model, record.getSchema()).encode(record, out);
        return out.toByteArray();
    }
}
