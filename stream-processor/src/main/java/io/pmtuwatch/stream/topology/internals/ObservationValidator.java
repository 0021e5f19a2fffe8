package io.pmtuwatch.stream.topology.internals;

import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.stream.deadletter.DeadLetterReason;

import java.util.Optional;

/**
 * Rejects observations no real probe or capture can produce, before they touch any state. Values
 * that are possible on the wire but wrong (an IPv6 PTB below 1280, a PTB above the probe size) are
 * NOT rejected here: the diagnosis counts them as invalid PTBs, which is itself a finding.
 * Pure: no Kafka, no clock.
 */
public final class ObservationValidator {

    static final int MAX_IP_PACKET = 65_535;
    static final int MAX_TTL = 255;
    static final int MIN_INTERFACE_MTU = 68;
    /** More probes than this in one run is not a probe run; also bounds the per-run sequence bitmap. */
    static final int MAX_SEQUENCE = 65_535;

    private ObservationValidator() {
    }

    /** The first violation of a record read under {@code key}, or empty when it may be processed. */
    public static Optional<Violation> validate(String key, Object value) {
        if (value instanceof HopObservation hop) {
            return validateHop(key, hop);
        }
        if (value instanceof HandshakeObservation handshake) {
            return validateHandshake(key, handshake);
        }
        return Optional.of(new Violation(DeadLetterReason.DECODE_WRONG_RECORD_TYPE,
                "not an observation: " + (value == null ? "null value" : value.getClass().getSimpleName())));
    }

    private static Optional<Violation> validateHop(String key, HopObservation hop) {
        Optional<Violation> identity = identity(key, hop.getPathId());
        if (identity.isPresent()) {
            return identity;
        }
        boolean passive = hop.getRunId() == null;
        int minTtl = passive ? 0 : 1;
        if (hop.getTtl() < minTtl || hop.getTtl() > MAX_TTL) {
            return violation(DeadLetterReason.INVALID_TTL, "TTL " + hop.getTtl() + " is outside [" + minTtl + ", " + MAX_TTL + "]"
                    + (passive ? "" : " for an active probe"));
        }
        if (hop.getProbeSize() < 0 || hop.getProbeSize() > MAX_IP_PACKET) {
            return violation(DeadLetterReason.INVALID_SIZE, "probe size " + hop.getProbeSize() + " is outside [0, " + MAX_IP_PACKET + "]");
        }
        if (hop.getReportedMtu() != null && (hop.getReportedMtu() < 1 || hop.getReportedMtu() > MAX_IP_PACKET)) {
            return violation(DeadLetterReason.INVALID_MTU, "reported MTU " + hop.getReportedMtu() + " is outside [1, " + MAX_IP_PACKET + "]");
        }
        Optional<Violation> localMtu = interfaceMtu("local MTU", hop.getLocalMtu());
        if (localMtu.isPresent()) {
            return localMtu;
        }
        if (hop.getRttMicros() != null && hop.getRttMicros() < 0) {
            return violation(DeadLetterReason.INVALID_RTT, "RTT " + hop.getRttMicros() + " us is negative");
        }
        if (hop.getSequence() < 0 || hop.getSequence() > MAX_SEQUENCE) {
            return violation(DeadLetterReason.INVALID_FIELD, "sequence " + hop.getSequence() + " is outside [0, " + MAX_SEQUENCE + "]");
        }
        Integer count = hop.getRunProbeCount();
        if (count != null && (count < 1 || count > MAX_SEQUENCE + 1 || hop.getLastInRun() && count <= hop.getSequence())) {
            return violation(DeadLetterReason.INVALID_FIELD, "run probe count " + count + " is impossible for sequence "
                    + hop.getSequence());
        }
        return Optional.empty();
    }

    private static Optional<Violation> validateHandshake(String key, HandshakeObservation handshake) {
        Optional<Violation> identity = identity(key, handshake.getPathId());
        if (identity.isPresent()) {
            return identity;
        }
        for (Integer mss : new Integer[] {handshake.getMssSent(), handshake.getMssReceived(), handshake.getKernelSndMss(),
                handshake.getKernelAdvMss()}) {
            if (mss != null && (mss < 1 || mss > MAX_IP_PACKET)) {
                return violation(DeadLetterReason.INVALID_SIZE, "MSS " + mss + " is outside [1, " + MAX_IP_PACKET + "]");
            }
        }
        Optional<Violation> mtu = interfaceMtu("local MTU", handshake.getLocalMtu())
                .or(() -> interfaceMtu("kernel PMTU", handshake.getKernelPmtu()));
        if (mtu.isPresent()) {
            return mtu;
        }
        if (handshake.getRttMicros() != null && handshake.getRttMicros() < 0) {
            return violation(DeadLetterReason.INVALID_RTT, "RTT " + handshake.getRttMicros() + " us is negative");
        }
        if (outsidePortRange(handshake.getClientPort()) || outsidePortRange(handshake.getServerPort())) {
            return violation(DeadLetterReason.INVALID_FIELD, "port " + handshake.getClientPort() + " -> "
                    + handshake.getServerPort() + " is outside [0, 65535]");
        }
        return Optional.empty();
    }

    private static Optional<Violation> identity(String key, String pathId) {
        if (pathId == null || pathId.isBlank()) {
            return violation(DeadLetterReason.MISSING_PATH_ID, "the record carries no path id");
        }
        if (key == null || key.isBlank()) {
            return violation(DeadLetterReason.MISSING_PATH_ID, "the record has no Kafka key (expected its path id '" + pathId + "')");
        }
        if (!key.equals(pathId)) {
            return violation(DeadLetterReason.KEY_MISMATCH, "Kafka key '" + key + "' differs from the path id '" + pathId + "'");
        }
        return Optional.empty();
    }

    private static Optional<Violation> interfaceMtu(String what, Integer mtu) {
        if (mtu != null && (mtu < MIN_INTERFACE_MTU || mtu > MAX_IP_PACKET)) {
            return violation(DeadLetterReason.INVALID_MTU, what + " " + mtu + " is outside [" + MIN_INTERFACE_MTU + ", "
                    + MAX_IP_PACKET + "]");
        }
        return Optional.empty();
    }

    private static boolean outsidePortRange(int port) {
        return port < 0 || port > 65_535;
    }

    private static Optional<Violation> violation(DeadLetterReason reason, String detail) {
        return Optional.of(new Violation(reason, detail));
    }
}
