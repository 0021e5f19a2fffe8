package io.pmtuwatch.probe.packet;

/** The flag bits of a TCP header (byte 13, plus NS is ignored). */
public record TcpFlags(int bits) {

    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;

    // One instance per value of the flag byte: a decoder makes one per segment, millions per capture.
    private static final TcpFlags[] ALL = new TcpFlags[256];

    static {
        for (int i = 0; i < ALL.length; i++) {
            ALL[i] = new TcpFlags(i);
        }
    }

    /** The flags of a header's flag byte (0-255), shared. */
    public static TcpFlags of(int bits) {
        return bits >= 0 && bits < ALL.length ? ALL[bits] : new TcpFlags(bits);
    }

    public boolean syn() {
        return (bits & SYN) != 0;
    }

    public boolean ack() {
        return (bits & ACK) != 0;
    }

    public boolean rst() {
        return (bits & RST) != 0;
    }

    public boolean fin() {
        return (bits & FIN) != 0;
    }

    /** A connection request: SYN without ACK. */
    public boolean isSynOnly() {
        return syn() && !ack() && !rst();
    }

    public boolean isSynAck() {
        return syn() && ack() && !rst();
    }
}
