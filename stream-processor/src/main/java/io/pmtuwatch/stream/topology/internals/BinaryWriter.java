package io.pmtuwatch.stream.topology.internals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;

/**
 * Writes the compact state formats ({@link CompactSerde}): varints for counts and small numbers,
 * fixed 8 bytes for times, strings as UTF-8 with their length, and a null as its own mark, so a
 * reader needs no field names. Not thread-safe; one per value written.
 */
public final class BinaryWriter {

    private byte[] buffer;
    private int size;

    public BinaryWriter(int expectedSize) {
        buffer = new byte[Math.max(16, expectedSize)];
    }

    public BinaryWriter writeByte(int value) {
        ensure(1);
        buffer[size++] = (byte) value;
        return this;
    }

    public BinaryWriter writeBoolean(boolean value) {
        return writeByte(value ? 1 : 0);
    }

    /** A non-negative int in 1-5 bytes (7 bits a byte); negative values take 5. */
    public BinaryWriter writeVarInt(int value) {
        ensure(5);
        while ((value & ~0x7F) != 0) {
            buffer[size++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        buffer[size++] = (byte) value;
        return this;
    }

    /** Any int, zig-zag encoded: small magnitudes stay short whatever their sign. */
    public BinaryWriter writeSignedVarInt(int value) {
        return writeVarInt((value << 1) ^ (value >> 31));
    }

    public BinaryWriter writeLong(long value) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buffer[size++] = (byte) (value >>> shift);
        }
        return this;
    }

    /** An Integer that may be null. */
    public BinaryWriter writeNullableInt(Integer value) {
        writeBoolean(value != null);
        if (value != null) {
            writeSignedVarInt(value);
        }
        return this;
    }

    /** A string that may be null: length + 1 (0 for null), then its UTF-8 bytes. */
    public BinaryWriter writeString(String value) {
        if (value == null) {
            return writeVarInt(0);
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        writeVarInt(bytes.length + 1);
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, size, bytes.length);
        size += bytes.length;
        return this;
    }

    /** An enum constant by name (null allowed): adding or reordering constants never remaps stored state. */
    public BinaryWriter writeEnum(Enum<?> value) {
        return writeString(value == null ? null : value.name());
    }

    public BinaryWriter writeStrings(Collection<String> values) {
        writeVarInt(values.size());
        for (String value : values) {
            writeString(value);
        }
        return this;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }

    private void ensure(int more) {
        if (size + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
        }
    }
}
