package io.pmtuwatch.stream.topology.internals;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The topology's own state and repartition records in a compact binary form: a version byte, then
 * the fields in a fixed order ({@link Format}). Reading and writing JSON for them was about a tenth
 * of the stream thread's CPU in the bench (stream-processor/README.md, "Capacity").
 *
 * <p>Values written by earlier releases are JSON ({@link JsonSerde}; they start with '{', which is no
 * version byte) and still read, so stores and changelogs restore across the upgrade; they are written
 * back in the compact form with their next change.
 */
public final class CompactSerde<T> implements Serde<T> {

    /** One value type's compact form. A new field means a new version; older versions stay readable. */
    public interface Format<T> {

        /** The version this build writes (1-127). */
        int version();

        void write(BinaryWriter out, T value);

        /** Reads a value of {@code version} (this one or an older one). */
        T read(BinaryReader in, int version);
    }

    private static final byte JSON_START = '{';

    private final Class<T> type;
    private final Format<T> format;
    private final Deserializer<T> json;

    public CompactSerde(Class<T> type, Format<T> format) {
        this.type = type;
        this.format = format;
        this.json = new JsonSerde<>(type).deserializer();
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            BinaryWriter out = new BinaryWriter(256);
            out.writeByte(format.version());
            format.write(out, value);
            return out.toByteArray();
        };
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (bytes.length > 0 && bytes[0] == JSON_START) {
                return json.deserialize(topic, bytes);
            }
            int version = bytes.length == 0 ? 0 : bytes[0];
            if (version < 1 || version > format.version()) {
                throw new SerializationException("cannot read " + type.getSimpleName() + " of state version " + version
                        + " (this build reads 1-" + format.version() + "): reset the application's state "
                        + "(kafka-streams-application-reset) after a downgrade");
            }
            BinaryReader in = new BinaryReader(bytes, 1);
            T value;
            try {
                value = format.read(in, version);
            } catch (RuntimeException e) {
                throw new SerializationException("cannot read " + type.getSimpleName() + " (state version " + version
                        + "): " + e.getMessage(), e);
            }
            if (!in.atEnd()) {
                throw new SerializationException("cannot read " + type.getSimpleName() + " (state version " + version
                        + "): unexpected bytes after its last field");
            }
            return value;
        };
    }
}
