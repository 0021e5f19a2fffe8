package io.pmtuwatch.demo;

import io.pmtuwatch.probe.kafka.RunObservations;
import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.serde.AvroSerdes;
import io.pmtuwatch.schemas.serde.RecordDecodeException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Probe runs recorded from the namespace lab, for machines where the lab cannot be built (not root,
 * not Linux). Format: per run, a flag for the handshake, then length-prefixed single-object Avro
 * messages (the same bytes as on the topics), so old recordings stay readable like old topics do.
 */
final class RecordedRuns {

    private static final String TOPIC = "recording";
    private static final int MAGIC = 0x504d5457; // "PMTW"

    private RecordedRuns() {
    }

    static void write(List<RunObservations> runs, OutputStream stream) throws IOException {
        Serializer<HopObservation> hops = AvroSerdes.serializer(HopObservation.class);
        Serializer<HandshakeObservation> handshakes = AvroSerdes.serializer(HandshakeObservation.class);
        DataOutputStream out = new DataOutputStream(stream);
        out.writeInt(MAGIC);
        out.writeInt(runs.size());
        for (RunObservations run : runs) {
            out.writeBoolean(run.handshake() != null);
            if (run.handshake() != null) {
                writeBytes(out, handshakes.serialize(TOPIC, run.handshake()));
            }
            out.writeInt(run.hops().size());
            for (HopObservation hop : run.hops()) {
                writeBytes(out, hops.serialize(TOPIC, hop));
            }
        }
        out.flush();
    }

    static List<RunObservations> read(InputStream stream) throws IOException {
        Deserializer<HopObservation> hops = AvroSerdes.deserializer(HopObservation.class);
        Deserializer<HandshakeObservation> handshakes = AvroSerdes.deserializer(HandshakeObservation.class);
        DataInputStream in = new DataInputStream(stream);
        try {
            if (in.readInt() != MAGIC) {
                throw new IOException("not a pmtu-watch recording");
            }
            int count = in.readInt();
            List<RunObservations> runs = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                HandshakeObservation handshake = in.readBoolean() ? handshakes.deserialize(TOPIC, readBytes(in)) : null;
                int hopCount = in.readInt();
                if (hopCount == 0 && handshake == null) {
                    throw new IOException("damaged recording: run " + i + " is empty");
                }
                List<HopObservation> runHops = new ArrayList<>(hopCount);
                for (int h = 0; h < hopCount; h++) {
                    runHops.add(hops.deserialize(TOPIC, readBytes(in)));
                }
                String pathId = runHops.isEmpty() ? handshake.getPathId() : runHops.get(0).getPathId();
                String runId = runHops.isEmpty() ? handshake.getRunId() : runHops.get(0).getRunId();
                runs.add(new RunObservations(pathId, runId, handshake, runHops));
            }
            return runs;
        } catch (EOFException e) {
            throw new IOException("recording ends early", e);
        } catch (RecordDecodeException e) {
            throw new IOException("damaged recording: " + e.getMessage(), e);
        }
    }

    private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > 1 << 20) {
            throw new IOException("damaged recording: record length " + length);
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }
}
