package io.pmtuwatch.stream.topology.internals;

import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.HopObservation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The observations of one probe run collected so far. Hops are kept by sequence number, so a
 * producer retry (same run, same sequence) replaces instead of adding, and out-of-order delivery
 * does not change the result.
 */
public final class RunBuffer {

    private final TreeMap<Integer, HopObservation> hops;
    private HandshakeObservation handshake;
    private long firstSeenWallMs;
    private long lastSeenWallMs;

    public RunBuffer(long nowWallMs) {
        this(new TreeMap<>(), null, nowWallMs, nowWallMs);
    }

    RunBuffer(TreeMap<Integer, HopObservation> hops, HandshakeObservation handshake, long firstSeenWallMs,
              long lastSeenWallMs) {
        this.hops = hops;
        this.handshake = handshake;
        this.firstSeenWallMs = firstSeenWallMs;
        this.lastSeenWallMs = lastSeenWallMs;
    }

    public void add(HopObservation hop, long nowWallMs) {
        hops.put(hop.getSequence(), hop);
        touch(nowWallMs);
    }

    public void setHandshake(HandshakeObservation handshake, long nowWallMs) {
        this.handshake = handshake;
        touch(nowWallMs);
    }

    private void touch(long nowWallMs) {
        firstSeenWallMs = Math.min(firstSeenWallMs, nowWallMs);
        lastSeenWallMs = Math.max(lastSeenWallMs, nowWallMs);
    }

    public List<HopObservation> hops() {
        return Collections.unmodifiableList(new ArrayList<>(hops.values()));
    }

    public int hopCount() {
        return hops.size();
    }

    public Optional<HandshakeObservation> handshake() {
        return Optional.ofNullable(handshake);
    }

    /** The last-in-run marker, when it has arrived. */
    public Optional<HopObservation> lastMarker() {
        return hops.values().stream().filter(HopObservation::getLastInRun).reduce((a, b) -> b);
    }

    /** True when the marker arrived and, if it announced a count, every announced observation too. */
    public boolean allHopsArrived() {
        return lastMarker().map(last -> last.getRunProbeCount() == null || hops.size() >= last.getRunProbeCount())
                .orElse(false);
    }

    public long firstSeenWallMs() {
        return firstSeenWallMs;
    }

    public long lastSeenWallMs() {
        return lastSeenWallMs;
    }

    TreeMap<Integer, HopObservation> hopsBySequence() {
        return hops;
    }

    HandshakeObservation handshakeOrNull() {
        return handshake;
    }
}
