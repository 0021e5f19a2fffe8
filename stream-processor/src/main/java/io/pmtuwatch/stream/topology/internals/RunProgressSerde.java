package io.pmtuwatch.stream.topology.internals;

import io.pmtuwatch.schemas.Transport;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.nio.ByteBuffer;
import java.util.BitSet;

/**
 * State-store format of a {@link RunProgress}: a version byte, fixed fields, the sequence bitmap and
 * the handshake in the topics' own single-object encoding, kept as bytes (so stored state stays
 * readable across schema versions exactly like the topics, and is not decoded on every hop).
 */
public final class RunProgressSerde implements Serde<RunProgress> {

    private static final byte VERSION = 2;


    @Override
    public Serializer<RunProgress> serializer() {
        return (topic, run) -> {
            if (run == null) {
                return null;
            }
            byte[] bits = run.sequences().toByteArray();
            byte[] handshake = run.handshakeBytes();
            ByteBuffer out = ByteBuffer.allocate(1 + 4 + 4 + 1 + 8 * 4 + 4 + bits.length + 4
                    + (handshake == null ? 0 : handshake.length));
            out.put(VERSION).putInt(run.markerSequence()).putInt(run.announcedCount())
                    .put((byte) (run.transportOrNull() == null ? -1 : run.transportOrNull().ordinal()))
                    .putLong(run.firstSeenWallMs()).putLong(run.lastSeenWallMs()).putLong(run.finishedAtWallMs())
                    .putLong(run.deadlineMs());
            out.putInt(bits.length).put(bits);
            out.putInt(handshake == null ? -1 : handshake.length);
            if (handshake != null) {
                out.put(handshake);
            }
            return out.array();
        };
    }

    @Override
    public Deserializer<RunProgress> deserializer() {
        return (topic, data) -> {
            if (data == null) {
                return null;
            }
            ByteBuffer in = ByteBuffer.wrap(data);
            byte version = in.get();
            if (version != VERSION) {
                throw new IllegalStateException("run progress of unknown state version " + version
                        + ": reset the application's state (kafka-streams-application-reset) after an incompatible upgrade");
            }
            int marker = in.getInt();
            int announced = in.getInt();
            byte transport = in.get();
            long first = in.getLong();
            long last = in.getLong();
            long finished = in.getLong();
            long deadline = in.getLong();
            BitSet bits = BitSet.valueOf(next(in, in.getInt()));
            int handshakeLength = in.getInt();
            byte[] handshake = handshakeLength < 0 ? null : next(in, handshakeLength);
            return new RunProgress(bits, marker, announced, transport < 0 ? null : Transport.values()[transport],
                    handshake, first, last, finished, deadline);
        };
    }

    private static byte[] next(ByteBuffer in, int length) {
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }
}
