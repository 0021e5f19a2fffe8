package io.pmtuwatch.probe.packet;

import java.nio.ByteBuffer;

/**
 * Decodes a TCP option list (RFC 9293 section 3.2). Never loops and never throws: every step
 * advances at least one byte, and a missing or impossible length ends the walk with
 * {@code malformed} set, keeping the options read so far.
 */
public final class TcpOptionsDecoder {

    static final int KIND_END = 0;
    static final int KIND_NOP = 1;
    static final int KIND_MSS = 2;
    static final int KIND_WINDOW_SCALE = 3;
    static final int KIND_SACK_PERMITTED = 4;
    static final int KIND_TIMESTAMPS = 8;

    private TcpOptionsDecoder() {
    }

    /** Decodes bytes {@code [from, to)} of {@code buf} (absolute indexes; {@code to} is clipped to the buffer). */
    public static TcpOptions decode(ByteBuffer buf, int from, int to) {
        int end = Math.min(to, buf.limit());
        Integer mss = null;
        Integer windowScale = null;
        boolean sackPermitted = false;
        Long tsValue = null;
        Long tsEcho = null;
        boolean malformed = to > buf.limit();
        int i = from;
        while (i < end) {
            int kind = buf.get(i) & 0xFF;
            if (kind == KIND_END) {
                break;
            }
            if (kind == KIND_NOP) {
                i++;
                continue;
            }
            if (i + 1 >= end) {
                malformed = true;
                break;
            }
            int length = buf.get(i + 1) & 0xFF;
            if (length < 2 || i + length > end) {
                malformed = true;
                break;
            }
            switch (kind) {
                case KIND_MSS -> {
                    if (length == 4) {
                        mss = buf.getShort(i + 2) & 0xFFFF;
                    } else {
                        malformed = true;
                    }
                }
                case KIND_WINDOW_SCALE -> {
                    if (length == 3) {
                        windowScale = buf.get(i + 2) & 0xFF;
                    } else {
                        malformed = true;
                    }
                }
                case KIND_SACK_PERMITTED -> {
                    if (length == 2) {
                        sackPermitted = true;
                    } else {
                        malformed = true;
                    }
                }
                case KIND_TIMESTAMPS -> {
                    if (length == 10) {
                        tsValue = buf.getInt(i + 2) & 0xFFFFFFFFL;
                        tsEcho = buf.getInt(i + 6) & 0xFFFFFFFFL;
                    } else {
                        malformed = true;
                    }
                }
                default -> {
                    // SACK blocks, MD5, TFO, MPTCP...: not needed for MSS diagnosis, skipped by length.
                }
            }
            i += length;
        }
        if (mss == null && windowScale == null && !sackPermitted && tsValue == null && !malformed) {
            return TcpOptions.NONE; // most segments: no object of their own
        }
        return new TcpOptions(mss, windowScale, sackPermitted, tsValue, tsEcho, malformed);
    }
}
