package io.pmtuwatch.probe.socket;

import java.nio.ByteBuffer;
import java.util.OptionalInt;

/**
 * A TCP probe's id in its SYN's sequence number: {@code nonce + sequence * 65536}. Routers that quote
 * only 8 bytes of the transport header still quote ports and sequence number, so the quote names the
 * probe; the target's answer names it through its acknowledgement number: a SYN-ACK acknowledges
 * {@code seq + 1}, a RST to a SYN with data {@code seq + 1 + data} (below 65536), so the probe is the
 * 65536-wide slot the acknowledged number falls in. The nonce's low 16 bits must match, which a blind
 * forger has to guess. Pure.
 */
public final class TcpProbeIds {

    private static final int SLOT = 1 << 16;

    private TcpProbeIds() {
    }

    public static long sequenceNumber(int nonce, int sequence) {
        return (nonce + ((long) sequence << 16)) & 0xFFFFFFFFL;
    }

    /** The SYN's sequence number for a probe payload that starts with its id (nonce, sequence). */
    public static long sequenceNumber(byte[] payload) {
        ByteBuffer b = ByteBuffer.wrap(payload, 0, 8);
        return sequenceNumber(b.getInt(), b.getInt());
    }

    /** The probe a quoted SYN sequence number names; empty when it is not in the run's slots. */
    public static OptionalInt fromSequenceNumber(int nonce, long sequenceNumber) {
        long offset = (sequenceNumber - nonce) & 0xFFFFFFFFL;
        if ((offset & (SLOT - 1)) != 0) {
            return OptionalInt.empty();
        }
        return OptionalInt.of((int) (offset >>> 16));
    }

    /**
     * The probe an acknowledgement number answers, with the bytes it acknowledges beyond the SYN (0
     * for a SYN-ACK, the data length for a RST that counts the data).
     */
    public static Acked fromAcknowledgement(int nonce, long ack) {
        long offset = (ack - 1 - nonce) & 0xFFFFFFFFL;
        return new Acked((int) (offset >>> 16), (int) (offset & (SLOT - 1)));
    }

    public record Acked(int sequence, int dataBytes) {
    }
}
