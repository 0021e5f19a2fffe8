package io.pmtuwatch.stream.topology.internals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Reads what a {@link BinaryWriter} wrote, in the same order. A truncated or damaged value fails with an exception. */
public final class BinaryReader {

    private final byte[] data;
    private int position;

    public BinaryReader(byte[] data, int offset) {
        this.data = data;
        this.position = offset;
    }

    public int readByte() {
        check(1);
        return data[position++];
    }

    public boolean readBoolean() {
        int value = readByte();
        if (value != 0 && value != 1) {
            throw new IllegalStateException("not a boolean at byte " + (position - 1) + ": " + value);
        }
        return value == 1;
    }

    public int readVarInt() {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = readByte();
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalStateException("malformed varint ending at byte " + position);
    }

    public int readSignedVarInt() {
        int raw = readVarInt();
        return (raw >>> 1) ^ -(raw & 1);
    }

    public long readLong() {
        check(8);
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (data[position++] & 0xFF);
        }
        return value;
    }

    public Integer readNullableInt() {
        return readBoolean() ? readSignedVarInt() : null;
    }

    public String readString() {
        int lengthPlusOne = readVarInt();
        if (lengthPlusOne == 0) {
            return null;
        }
        int length = lengthPlusOne - 1;
        check(length);
        String value = new String(data, position, length, StandardCharsets.UTF_8);
        position += length;
        return value;
    }

    /** An enum constant written by name; a name this build does not know (a newer writer's) reads as {@code unknown}. */
    public <E extends Enum<E>> E readEnum(Class<E> type, E unknown) {
        String name = readString();
        if (name == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            return unknown;
        }
    }

    public List<String> readStrings() {
        return readList(BinaryReader::readString);
    }

    public <T> List<T> readList(Function<BinaryReader, T> element) {
        int count = readCount();
        List<T> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(element.apply(this));
        }
        return out;
    }

    /** A count of elements, checked against what is left (a damaged count must not allocate gigabytes). */
    public int readCount() {
        int count = readVarInt();
        if (count < 0 || count > data.length - position) {
            throw new IllegalStateException("implausible count " + count + " at byte " + position);
        }
        return count;
    }

    public boolean atEnd() {
        return position == data.length;
    }

    private void check(int length) {
        if (length < 0 || position + length > data.length) {
            throw new IllegalStateException("value ends after " + data.length + " bytes, " + length
                    + " more expected at byte " + position);
        }
    }
}
