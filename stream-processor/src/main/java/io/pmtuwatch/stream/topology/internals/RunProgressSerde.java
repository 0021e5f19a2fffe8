package io.pmtuwatch.stream.topology.internals;

import io.pmtuwatch.schemas.Transport;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * State-store format of a {@link RunProgress}: a version byte, fixed fields, the sequence bitmap and
 * the handshake in the topics' own single-object encoding, kept as bytes (so stored state stays
 * readable across schema versions exactly like the topics, and is not decoded on every hop).
 *
 * <p>Version 3 stores the transport by its symbol name, so adding or reordering {@link Transport}
 * symbols never remaps stored state. Version 2 stored its position; it is still read, through the
 * symbol order version 2 was written with. Version 4 adds the run's hop observations (encoded like
 * the topics) and the record timestamps of its oldest and newest observation; a run read from
 * version 2 or 3 has neither (its hops were kept in a store of their own, which this build no
 * longer has: such a run is diagnosed as incomplete).
 */
public final class RunProgressSerde implements Serde<RunProgress> {

    private static final byte VERSION = 4;
    private static final byte VERSION_WITHOUT_HOPS = 3;
    private static final byte VERSION_WITH_ORDINAL = 2;
    /** Transport symbols in the order version 2 wrote their positions: frozen, never edit. */
    private static final List<String> VERSION_2_TRANSPORTS = List.of("UDP", "TCP", "ICMP", "UNKNOWN");

    @Override
    public Serializer<RunProgress> serializer() {
        return (topic, run) -> {
            if (run == null) {
                return null;
            }
            byte[] bits = run.sequences().toByteArray();
            byte[] handshake = run.handshakeBytes();
            byte[] transport = run.transportOrNull() == null ? new byte[0]
                    : run.transportOrNull().name().getBytes(StandardCharsets.US_ASCII);
            List<byte[]> hops = run.encodedHops();
            int hopBytes = 0;
            for (byte[] hop : hops) {
                hopBytes += 4 + hop.length;
            }
            ByteBuffer out = ByteBuffer.allocate(1 + 4 + 4 + 1 + transport.length + 8 * 4 + 4 + bits.length + 4
                    + (handshake == null ? 0 : handshake.length) + 8 * 2 + 4 + hopBytes);
            out.put(VERSION).putInt(run.markerSequence()).putInt(run.announcedCount())
                    .put((byte) transport.length).put(transport)
                    .putLong(run.firstSeenWallMs()).putLong(run.lastSeenWallMs()).putLong(run.finishedAtWallMs())
                    .putLong(run.deadlineMs());
            out.putInt(bits.length).put(bits);
            out.putInt(handshake == null ? -1 : handshake.length);
            if (handshake != null) {
                out.put(handshake);
            }
            out.putLong(run.firstInputMs()).putLong(run.lastInputMs()).putInt(hops.size());
            for (byte[] hop : hops) {
                out.putInt(hop.length).put(hop);
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
            if (version != VERSION && version != VERSION_WITHOUT_HOPS && version != VERSION_WITH_ORDINAL) {
                throw new IllegalStateException("run progress of unknown state version " + version
                        + ": reset the application's state (kafka-streams-application-reset) after an incompatible upgrade");
            }
            int marker = in.getInt();
            int announced = in.getInt();
            Transport transport = version == VERSION_WITH_ORDINAL ? transportByVersion2Position(in.get()) : transportByName(in);
            long first = in.getLong();
            long last = in.getLong();
            long finished = in.getLong();
            long deadline = in.getLong();
            BitSet bits = BitSet.valueOf(next(in, in.getInt()));
            int handshakeLength = in.getInt();
            byte[] handshake = handshakeLength < 0 ? null : next(in, handshakeLength);
            if (version != VERSION) {
                return new RunProgress(bits, marker, announced, transport, handshake, first, last, finished, deadline);
            }
            long firstInput = in.getLong();
            long lastInput = in.getLong();
            int hopCount = in.getInt();
            List<byte[]> hops = new ArrayList<>(hopCount);
            for (int i = 0; i < hopCount; i++) {
                hops.add(next(in, in.getInt()));
            }
            return new RunProgress(bits, marker, announced, transport, handshake, first, last, finished, deadline, hops,
                    firstInput, lastInput);
        };
    }

    private static Transport transportByName(ByteBuffer in) {
        int length = in.get();
        return length == 0 ? null : symbol(new String(next(in, length), StandardCharsets.US_ASCII));
    }

    private static Transport transportByVersion2Position(byte position) {
        return position < 0 ? null : symbol(VERSION_2_TRANSPORTS.get(position));
    }

    /** A symbol this build no longer knows reads as UNKNOWN, like the topics' enum default. */
    private static Transport symbol(String name) {
        try {
            return Transport.valueOf(name);
        } catch (IllegalArgumentException e) {
            return Transport.UNKNOWN;
        }
    }

    private static byte[] next(ByteBuffer in, int length) {
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }
}
