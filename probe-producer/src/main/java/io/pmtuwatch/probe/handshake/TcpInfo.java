package io.pmtuwatch.probe.handshake;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The fields of Linux {@code struct tcp_info} we use. Offsets are those of
 * include/uapi/linux/tcp.h, stable since 2.6 (the struct only grows at the end): eight u8 fields,
 * then u32 fields from byte 8.
 *
 * @param state        TCP state (1 = ESTABLISHED)
 * @param options      TCPI_OPT_* bits negotiated by both sides
 * @param sndWscale    window scale the peer advertised (applied to its windows)
 * @param rcvWscale    window scale we advertised
 * @param sndMss       current send MSS (mss_cache): min(peer MSS, PMTU - headers) minus TCP option bytes in every segment
 * @param rcvMss       kernel estimate of the peer's segment size; starts at 536 until data arrives
 * @param pmtu         path MTU the kernel uses for this socket (route MTU or a learned PMTU)
 * @param rttMicros    smoothed RTT; right after the handshake, the SYN to SYN-ACK time
 * @param advmss       MSS we advertised in our SYN, minus the timestamp bytes once timestamps were negotiated
 */
public record TcpInfo(int state, int options, int sndWscale, int rcvWscale, int sndMss, int rcvMss, int pmtu,
                      int rttMicros, int advmss) {

    public static final int TCPI_OPT_TIMESTAMPS = 1;
    public static final int TCPI_OPT_SACK = 2;
    public static final int TCPI_OPT_WSCALE = 4;
    /** Bytes up to and including tcpi_advmss; older kernels return at least this much. */
    static final int MIN_LENGTH = 88;
    /** Bytes we ask for: the kernel copies min(our length, its struct size). */
    static final int BUFFER_LENGTH = 256;
    /** Timestamps option as laid out in every segment (NOP, NOP, kind 8 length 10). */
    static final int TIMESTAMP_OPTION_BYTES = 12;

    private static final int OFF_STATE = 0;
    private static final int OFF_OPTIONS = 5;
    private static final int OFF_WSCALE = 6;
    private static final int OFF_SND_MSS = 16;
    private static final int OFF_RCV_MSS = 20;
    private static final int OFF_PMTU = 60;
    private static final int OFF_RTT = 68;
    private static final int OFF_ADVMSS = 84;

    /** Parses the first {@code length} bytes of a getsockopt(TCP_INFO) result (native byte order). */
    static TcpInfo parse(byte[] raw, int length) {
        if (length < MIN_LENGTH) {
            throw new IllegalArgumentException("tcp_info of " + length + " bytes, need " + MIN_LENGTH);
        }
        ByteBuffer buf = ByteBuffer.wrap(raw).order(ByteOrder.nativeOrder());
        int wscale = buf.get(OFF_WSCALE) & 0xFF;
        // The bitfield "snd_wscale : 4, rcv_wscale : 4" is laid out low nibble first on little-endian GCC.
        return new TcpInfo(buf.get(OFF_STATE) & 0xFF, buf.get(OFF_OPTIONS) & 0xFF, wscale & 0x0F, wscale >>> 4,
                buf.getInt(OFF_SND_MSS), buf.getInt(OFF_RCV_MSS), buf.getInt(OFF_PMTU), buf.getInt(OFF_RTT),
                buf.getInt(OFF_ADVMSS));
    }

    public boolean timestamps() {
        return (options & TCPI_OPT_TIMESTAMPS) != 0;
    }

    public boolean sack() {
        return (options & TCPI_OPT_SACK) != 0;
    }

    public boolean windowScaling() {
        return (options & TCPI_OPT_WSCALE) != 0;
    }

    /**
     * The MSS our SYN advertised: the kernel takes the 12 timestamp bytes off tcpi_advmss when the
     * SYN-ACK agrees to timestamps, so they are added back.
     */
    public int ourAdvertisedMss() {
        return advmss + (timestamps() ? TIMESTAMP_OPTION_BYTES : 0);
    }

    /**
     * The peer's MSS as far as the kernel lets us see it: min(peer's MSS option, PMTU - headers).
     * sndMss has the per-segment timestamp bytes taken off after that minimum, so they are added back.
     */
    public int peerMssBoundedByPmtu() {
        return sndMss + (timestamps() ? TIMESTAMP_OPTION_BYTES : 0);
    }
}
