package io.pmtuwatch.schemas.serde;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * One thread's reusable output for {@link SingleObjectCodec#encode}: a growable byte array that keeps its size
 * between messages, with a buffered Avro encoder on top. Avro's own message encoder writes field by field through
 * a direct encoder into the caller's stream (a synchronized {@code ByteArrayOutputStream} here, grown from 256
 * bytes for every message); this writes into memory already sized for the type and copies the message out once.
 * Not thread-safe: get it from {@link #forThisThread()} and use it within one call.
 */
final class EncodeScratch extends OutputStream {

    /** A thread that once wrote a huge message does not keep that much memory for the small ones that follow. */
    private static final int MAX_RETAINED = 1 << 20;

    private static final ThreadLocal<EncodeScratch> PER_THREAD = ThreadLocal.withInitial(EncodeScratch::new);

    private byte[] bytes = new byte[4096];
    private int count;
    // Buffered (Avro's default 2 KB): it hands this array chunks, not every field's few bytes.
    private final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(this, null);

    static EncodeScratch forThisThread() {
        return PER_THREAD.get();
    }

    /** Empties the array and starts a message with {@code header}; the body goes through the encoder returned. */
    BinaryEncoder start(byte[] header) throws IOException {
        // A failed encode can leave part of its message in the encoder's buffer: flush it here, then drop it.
        encoder.flush();
        count = 0;
        write(header, 0, header.length);
        return encoder;
    }

    /** The message: flushes the encoder and returns a copy of exactly the bytes written since {@link #start}. */
    byte[] finish() throws IOException {
        encoder.flush();
        byte[] message = Arrays.copyOf(bytes, count);
        if (bytes.length > MAX_RETAINED) {
            bytes = new byte[4096];
        }
        return message;
    }

    @Override
    public void write(int b) {
        ensure(1);
        bytes[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, bytes, count, len);
        count += len;
    }

    private void ensure(int more) {
        int needed = count + more;
        if (needed > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(needed, bytes.length * 2));
        }
    }
}
