package io.pmtuwatch.schemas.serde;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The header of Avro's single-object encoding: marker {@code C3 01}, then the writer schema's 64-bit
 * fingerprint, little-endian. Avro's decoder checks it too, but reports the fingerprint only as a signed
 * decimal inside a message; reading it here lets errors carry the hex form and lets the codec classify a
 * message before decoding it.
 */
final class SingleObjectHeader {

    static final int LENGTH = 10;
    private static final byte MARKER_0 = (byte) 0xC3;
    private static final byte MARKER_1 = (byte) 0x01;

    private SingleObjectHeader() {
    }

    /** The header of messages written with the schema of {@code fingerprint}. */
    static byte[] of(long fingerprint) {
        return ByteBuffer.allocate(LENGTH).order(ByteOrder.LITTLE_ENDIAN)
                .put(MARKER_0).put(MARKER_1).putLong(fingerprint).array();
    }

    /** What is wrong with the header, or null when it is well-formed. */
    static String problem(byte[] bytes) {
        if (bytes.length >= 2 && (bytes[0] != MARKER_0 || bytes[1] != MARKER_1)) {
            return String.format("the value starts with %02X %02X instead of Avro's single-object marker C3 01 (%d bytes)",
                    bytes[0], bytes[1], bytes.length);
        }
        if (bytes.length < LENGTH) {
            return "the value has " + bytes.length + " bytes, fewer than the " + LENGTH
                    + "-byte single-object header (marker C3 01 and an 8-byte schema fingerprint)";
        }
        return null;
    }

    /** The writer fingerprint of a well-formed header (see {@link #problem}). */
    static long fingerprint(byte[] bytes) {
        return ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }
}
