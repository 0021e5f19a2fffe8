package io.pmtuwatch.schemas.serde;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Encode and decode cost per message type, the codec against what it did before (Avro's BinaryMessageEncoder into
 * a new 256-byte ByteArrayOutputStream per message; BinaryMessageDecoder on a ByteArrayInputStream), alternating
 * in one JVM. Not a test: run by hand, e.g.
 * {@code java -cp schemas/target/classes:schemas/target/test-classes:$(cat schemas/target/release-classpath.txt)
 * io.pmtuwatch.schemas.serde.EncodeBench} (classpath as in the README's release instructions).
 */
final class EncodeBench {

    private static final int ROUNDS = 7;
    private static final long ROUND_NANOS = 300_000_000L;
    private static long sink;

    public static void main(String[] args) throws IOException {
        System.out.printf("%-22s %-6s %6s %12s %12s %7s%n", "sample", "op", "bytes", "avro ns/op", "codec ns/op",
                "ratio");
        for (SpecificRecordBase record : SampleRecords.all()) {
            measure(record);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends SpecificRecordBase> void measure(T record) throws IOException {
        Class<T> type = (Class<T>) record.getClass();
        RecordCodec<T> codec = SingleObjectWireFormat.standard().codec(type);
        BinaryMessageEncoder<T> avro = new BinaryMessageEncoder<>(SpecificData.getForClass(type), record.getSchema());
        Encode before = () -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            avro.encode(record, out);
            return out.toByteArray().length;
        };
        Encode after = () -> codec.encode("bench", record).length;
        compare("encode", type, after.run(), before, after);
        byte[] message = codec.encode("bench", record);
        BinaryMessageDecoder<T> avroDecoder =
                new BinaryMessageDecoder<>(SpecificData.getForClass(type), record.getSchema());
        Encode oldDecode = () -> avroDecoder.decode(new ByteArrayInputStream(message), null).hashCode();
        Encode newDecode = () -> codec.decode("bench", message).hashCode();
        compare("decode", type, message.length, oldDecode, newDecode);
    }

    private static void compare(String op, Class<?> type, int bytes, Encode before, Encode after) throws IOException {
        List<Double> old = new ArrayList<>();
        List<Double> now = new ArrayList<>();
        for (int round = -2; round < ROUNDS; round++) { // two warm-up rounds
            double a = nanosPerOp(before);
            double b = nanosPerOp(after);
            if (round >= 0) {
                old.add(a);
                now.add(b);
            }
        }
        double oldMedian = median(old);
        double newMedian = median(now);
        System.out.printf("%-22s %-6s %6d %12.0f %12.0f %7.2f%n", type.getSimpleName(), op, bytes, oldMedian,
                newMedian, newMedian / oldMedian);
    }

    private static double nanosPerOp(Encode encode) throws IOException {
        long start = System.nanoTime();
        long ops = 0;
        long elapsed;
        do {
            for (int i = 0; i < 1000; i++) {
                sink += encode.run();
            }
            ops += 1000;
            elapsed = System.nanoTime() - start;
        } while (elapsed < ROUND_NANOS);
        return (double) elapsed / ops;
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private interface Encode {
        int run() throws IOException;
    }
}
