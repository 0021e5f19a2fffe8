package io.pmtuwatch.stream.topology.internals;

import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.serde.AvroSerdes;
import io.pmtuwatch.schemas.Transport;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;

/**
 * What run assembly knows about one run, its hop observations included (kept as the bytes they were
 * read from, so one store record per run, written at most once per commit by the runs store's
 * {@link WriteBehindStore}). Sequences seen are a bitmap: a producer retry of a sequence is
 * recognised without decoding the hops.
 *
 * <p>Besides wall-clock times (when the processor saw the run), the run keeps the record timestamps
 * of its oldest and newest observation: how far the input topics have been read relative to them
 * decides whether a missing part can still come (see {@link InputProgress}).
 *
 * <p>A finished run keeps only its finish time, until the dedup retention has passed: a late
 * duplicate of its observations is then dropped instead of starting a second, bogus run.
 */
public final class RunProgress {

    public static final int NONE = -1;
    private static final org.apache.kafka.common.serialization.Serializer<HandshakeObservation> HANDSHAKE_ENCODER =
            AvroSerdes.serializer(HandshakeObservation.class);
    private static final org.apache.kafka.common.serialization.Deserializer<HandshakeObservation> HANDSHAKE_DECODER =
            AvroSerdes.deserializer(HandshakeObservation.class);
    private static final org.apache.kafka.common.serialization.Serializer<HopObservation> HOP_ENCODER =
            AvroSerdes.serializer(HopObservation.class);
    private static final org.apache.kafka.common.serialization.Deserializer<HopObservation> HOP_DECODER =
            AvroSerdes.deserializer(HopObservation.class);

    private final BitSet sequences;
    private int markerSequence;
    private int announcedCount;
    private Transport transport;
    /** Encoded once when it arrives: every hop rewrites this record, the handshake is read only at the end. */
    private byte[] handshake;
    /**
     * The same handshake as an object, when this processor read it (not for a run read from the store): the
     * finished run is diagnosed with it without decoding it again. Null otherwise.
     */
    private HandshakeObservation handshakeRead;
    private long firstSeenWallMs;
    private long lastSeenWallMs;
    private long finishedAtWallMs;
    private long deadlineMs;
    /** Encoded hop observations, in arrival order. */
    private final List<byte[]> hops;
    /**
     * The same hops as objects, for a run opened by this processor (not read from the store): the
     * finished run is diagnosed from them without decoding its hops again. Null for a stored run.
     */
    private List<HopObservation> decoded;
    private long firstInputMs;
    private long lastInputMs;

    RunProgress(BitSet sequences, int markerSequence, int announcedCount, Transport transport,
                byte[] handshake, long firstSeenWallMs, long lastSeenWallMs, long finishedAtWallMs,
                long deadlineMs) {
        this(sequences, markerSequence, announcedCount, transport, handshake, firstSeenWallMs, lastSeenWallMs,
                finishedAtWallMs, deadlineMs, new ArrayList<>(), NONE, NONE);
    }

    RunProgress(BitSet sequences, int markerSequence, int announcedCount, Transport transport,
                byte[] handshake, long firstSeenWallMs, long lastSeenWallMs, long finishedAtWallMs,
                long deadlineMs, List<byte[]> hops, long firstInputMs, long lastInputMs) {
        this.hops = hops;
        this.firstInputMs = firstInputMs;
        this.lastInputMs = lastInputMs;
        this.sequences = sequences;
        this.markerSequence = markerSequence;
        this.announcedCount = announcedCount;
        this.transport = transport;
        this.handshake = handshake;
        this.firstSeenWallMs = firstSeenWallMs;
        this.lastSeenWallMs = lastSeenWallMs;
        this.finishedAtWallMs = finishedAtWallMs;
        this.deadlineMs = deadlineMs;
    }

    public static RunProgress open(long nowWallMs) {
        RunProgress run = new RunProgress(new BitSet(), NONE, NONE, null, null, nowWallMs, nowWallMs, NONE, NONE);
        run.decoded = new ArrayList<>();
        return run;
    }

    public static RunProgress finished(long nowWallMs) {
        return new RunProgress(new BitSet(), NONE, NONE, null, null, nowWallMs, nowWallMs, nowWallMs, NONE);
    }

    /**
     * A copy that can be changed while this run stays as it is: the hops' bytes and objects, never
     * changed once kept, are shared; the lists and the sequences are not.
     */
    RunProgress copy() {
        RunProgress copy = new RunProgress((BitSet) sequences.clone(), markerSequence, announcedCount, transport, handshake,
                firstSeenWallMs, lastSeenWallMs, finishedAtWallMs, deadlineMs, new ArrayList<>(hops), firstInputMs,
                lastInputMs);
        copy.decoded = decoded == null ? null : new ArrayList<>(decoded);
        copy.handshakeRead = handshakeRead;
        return copy;
    }

    /** Records a hop's sequence; false when it was seen before (a duplicate). */
    /** Whether {@link #addSequence} accepted {@code sequence} already. */
    public boolean hasSequence(int sequence) {
        return sequences.get(sequence);
    }

    public boolean addSequence(int sequence) {
        if (sequences.get(sequence)) {
            return false;
        }
        sequences.set(sequence);
        return true;
    }

    /** Keeps a hop observation whose sequence {@link #addSequence} accepted. */
    public void hop(HopObservation hop) {
        hop(hop, null);
    }

    /**
     * Keeps a hop observation whose sequence {@link #addSequence} accepted.
     *
     * @param encoded the bytes it was read from (the topic's encoding), or null to encode it here
     */
    public void hop(HopObservation hop, byte[] encoded) {
        hops.add(encoded != null ? encoded : HOP_ENCODER.serialize(null, hop));
        if (decoded != null) {
            decoded.add(hop);
        }
    }

    /** The hop observations kept, in sequence order. */
    public List<HopObservation> hops() {
        List<HopObservation> out = new ArrayList<>(hops.size());
        if (decoded != null && decoded.size() == hops.size()) {
            out.addAll(decoded);
        } else {
            for (byte[] encoded : hops) {
                out.add(HOP_DECODER.deserialize(null, encoded));
            }
        }
        out.sort(Comparator.comparingInt(HopObservation::getSequence));
        return out;
    }

    /** Notes the record timestamp of one of the run's observations. */
    public void input(long recordTimestampMs) {
        firstInputMs = firstInputMs == NONE ? recordTimestampMs : Math.min(firstInputMs, recordTimestampMs);
        lastInputMs = Math.max(lastInputMs, recordTimestampMs);
    }

    /** Record timestamp of the run's oldest observation; {@link #NONE} for state written before it was kept. */
    public long firstInputMs() {
        return firstInputMs;
    }

    /** Record timestamp of the run's newest observation; {@link #NONE} for state written before it was kept. */
    public long lastInputMs() {
        return lastInputMs;
    }

    public void marker(int sequence, Integer runProbeCount) {
        markerSequence = sequence;
        announcedCount = runProbeCount == null ? NONE : runProbeCount;
    }

    public void transport(Transport value) {
        if (value != null) {
            transport = value;
        }
    }

    public void handshake(HandshakeObservation value) {
        handshake(value, null);
    }

    /** @param encoded the bytes it was read from (the topic's encoding), or null to encode it here */
    public void handshake(HandshakeObservation value, byte[] encoded) {
        handshake = encoded != null ? encoded : HANDSHAKE_ENCODER.serialize(null, value);
        handshakeRead = value;
        transport(value.getTarget().getTransport());
    }

    public void touch(long nowWallMs) {
        firstSeenWallMs = Math.min(firstSeenWallMs, nowWallMs);
        lastSeenWallMs = Math.max(lastSeenWallMs, nowWallMs);
    }

    public int hopCount() {
        return sequences.cardinality();
    }

    /** The marker arrived and, when it announced a count, that many distinct observations too. */
    public boolean allHopsArrived() {
        return markerSequence != NONE && (announcedCount == NONE || hopCount() >= announcedCount);
    }

    public boolean expectsHandshake() {
        return transport == Transport.TCP;
    }

    public boolean hasHandshake() {
        return handshake != null;
    }

    /** Complete, with nothing more to wait for: diagnose at once. */
    public boolean readyNow() {
        return allHopsArrived() && (hasHandshake() || !expectsHandshake());
    }

    /**
     * When the run must be looked at again if nothing arrives: the grace for a missing handshake
     * once all hops are in, the run timeout otherwise; for a finished run, when to forget it.
     */
    public long nextDeadline(long handshakeGraceMs, long runTimeoutMs, long dedupRetentionMs) {
        if (isFinished()) {
            return finishedAtWallMs + dedupRetentionMs;
        }
        long timeout = firstSeenWallMs + runTimeoutMs;
        return allHopsArrived() ? Math.min(lastSeenWallMs + handshakeGraceMs, timeout) : timeout;
    }

    public boolean isFinished() {
        return finishedAtWallMs != NONE;
    }

    public HandshakeObservation handshakeOrNull() {
        if (handshake == null) {
            return null;
        }
        return handshakeRead != null ? handshakeRead : HANDSHAKE_DECODER.deserialize(null, handshake);
    }

    byte[] handshakeBytes() {
        return handshake;
    }

    public long deadlineMs() {
        return deadlineMs;
    }

    public void deadlineMs(long value) {
        deadlineMs = value;
    }

    List<byte[]> encodedHops() {
        return hops;
    }

    BitSet sequences() {
        return sequences;
    }

    int markerSequence() {
        return markerSequence;
    }

    int announcedCount() {
        return announcedCount;
    }

    Transport transportOrNull() {
        return transport;
    }

    long firstSeenWallMs() {
        return firstSeenWallMs;
    }

    long lastSeenWallMs() {
        return lastSeenWallMs;
    }

    long finishedAtWallMs() {
        return finishedAtWallMs;
    }
}
