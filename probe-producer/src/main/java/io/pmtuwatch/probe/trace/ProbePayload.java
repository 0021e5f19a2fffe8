package io.pmtuwatch.probe.trace;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The probe id every probe carries at the start of its transport payload: a per-run nonce and the
 * probe's sequence number. An ICMP error quotes it back, which ties the error to one probe of this
 * run; a forged or stale error cannot name it without seeing our packets.
 */
public final class ProbePayload {

    public static final int ID_BYTES = 8;

    private ProbePayload() {
    }

    public static byte[] build(int nonce, int sequence, int length) {
        if (length < ID_BYTES) {
            throw new IllegalArgumentException("payload too short for the probe id: " + length);
        }
        ByteBuffer b = ByteBuffer.allocate(length);
        b.putInt(nonce).putInt(sequence);
        return b.array();
    }

    /** The id at {@code offset}, empty when the quote is too short to hold it. */
    public static Optional<ProbeId> read(byte[] bytes, int offset) {
        if (bytes == null || bytes.length < offset + ID_BYTES) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(bytes, offset, ID_BYTES);
        return Optional.of(new ProbeId(b.getInt(), b.getInt()));
    }

    /** Bytes of IP + transport header in front of the payload (UDP and ICMP echo headers are both 8). */
    public static int headerBytes(boolean ipv6) {
        return (ipv6 ? 40 : 20) + 8;
    }

    public record ProbeId(int nonce, int sequence) {
    }
}
