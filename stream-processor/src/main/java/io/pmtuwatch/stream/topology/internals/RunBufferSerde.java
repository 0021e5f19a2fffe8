package io.pmtuwatch.stream.topology.internals;

import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.HopObservation;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * State-store format of a {@link RunBuffer}: a version byte, the two wall-clock stamps, then each
 * observation length-prefixed in the same single-object encoding as on the topics, so stored
 * state stays readable across schema versions exactly like the topics do.
 */
public final class RunBufferSerde implements Serde<RunBuffer> {

    private static final byte VERSION = 1;

    private final Serializer<HopObservation> hopSerializer;
    private final Deserializer<HopObservation> hopDeserializer;
    private final Serializer<HandshakeObservation> handshakeSerializer;
    private final Deserializer<HandshakeObservation> handshakeDeserializer;

    public RunBufferSerde(Serde<HopObservation> hopSerde, Serde<HandshakeObservation> handshakeSerde) {
        this.hopSerializer = hopSerde.serializer();
        this.hopDeserializer = hopSerde.deserializer();
        this.handshakeSerializer = handshakeSerde.serializer();
        this.handshakeDeserializer = handshakeSerde.deserializer();
    }

    @Override
    public Serializer<RunBuffer> serializer() {
        return (topic, buffer) -> {
            if (buffer == null) {
                return null;
            }
            List<byte[]> parts = new ArrayList<>();
            for (HopObservation hop : buffer.hopsBySequence().values()) {
                parts.add(hopSerializer.serialize(topic, hop));
            }
            byte[] handshake = buffer.handshakeOrNull() == null ? null
                    : handshakeSerializer.serialize(topic, buffer.handshakeOrNull());
            int size = 1 + 8 + 8 + 4 + 4 + (handshake == null ? 0 : handshake.length);
            for (byte[] part : parts) {
                size += 4 + part.length;
            }
            ByteBuffer out = ByteBuffer.allocate(size);
            out.put(VERSION).putLong(buffer.firstSeenWallMs()).putLong(buffer.lastSeenWallMs());
            out.putInt(parts.size());
            for (byte[] part : parts) {
                out.putInt(part.length).put(part);
            }
            out.putInt(handshake == null ? -1 : handshake.length);
            if (handshake != null) {
                out.put(handshake);
            }
            return out.array();
        };
    }

    @Override
    public Deserializer<RunBuffer> deserializer() {
        return (topic, data) -> {
            if (data == null) {
                return null;
            }
            ByteBuffer in = ByteBuffer.wrap(data);
            byte version = in.get();
            if (version != VERSION) {
                throw new IllegalStateException("run buffer of unknown state version " + version);
            }
            long first = in.getLong();
            long last = in.getLong();
            int count = in.getInt();
            TreeMap<Integer, HopObservation> hops = new TreeMap<>();
            for (int i = 0; i < count; i++) {
                HopObservation hop = hopDeserializer.deserialize(topic, next(in, in.getInt()));
                hops.put(hop.getSequence(), hop);
            }
            int handshakeLength = in.getInt();
            HandshakeObservation handshake = handshakeLength < 0 ? null
                    : handshakeDeserializer.deserialize(topic, next(in, handshakeLength));
            return new RunBuffer(hops, handshake, first, last);
        };
    }

    private static byte[] next(ByteBuffer in, int length) {
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }
}
