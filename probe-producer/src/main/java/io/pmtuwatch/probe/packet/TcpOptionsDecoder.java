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
        Fields fields = new Fields();
        walk(buf, from, to, buf.limit(), fields);
        return fields.options();
    }

    /**
     * The options in bytes {@code [from, to)} of {@code buf}, {@code to} clipped to {@code limit} (the end
     * of what was captured), into {@code into}: every field set anew.
     */
    static void walk(ByteBuffer buf, int from, int to, int limit, Fields into) {
        int end = Math.min(to, limit);
        into.mss = -1;
        into.windowScale = -1;
        into.sackPermitted = false;
        into.timestamps = false;
        into.malformed = to > limit;
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
                into.malformed = true;
                break;
            }
            int length = buf.get(i + 1) & 0xFF;
            if (length < 2 || i + length > end) {
                into.malformed = true;
                break;
            }
            switch (kind) {
                case KIND_MSS -> {
                    if (length == 4) {
                        into.mss = buf.getShort(i + 2) & 0xFFFF;
                    } else {
                        into.malformed = true;
                    }
                }
                case KIND_WINDOW_SCALE -> {
                    if (length == 3) {
                        into.windowScale = buf.get(i + 2) & 0xFF;
                    } else {
                        into.malformed = true;
                    }
                }
                case KIND_SACK_PERMITTED -> {
                    if (length == 2) {
                        into.sackPermitted = true;
                    } else {
                        into.malformed = true;
                    }
                }
                case KIND_TIMESTAMPS -> {
                    if (length == 10) {
                        into.timestamps = true;
                        into.tsValue = buf.getInt(i + 2) & 0xFFFFFFFFL;
                        into.tsEcho = buf.getInt(i + 6) & 0xFFFFFFFFL;
                    } else {
                        into.malformed = true;
                    }
                }
                default -> {
                    // SACK blocks, MD5, TFO, MPTCP...: not needed for MSS diagnosis, skipped by length.
                }
            }
            i += length;
        }
    }

    /** The options of one segment as primitives (-1: absent), reusable: {@link #walk} sets every field. */
    static final class Fields {
        int mss;
        int windowScale;
        boolean sackPermitted;
        boolean timestamps;
        long tsValue;
        long tsEcho;
        boolean malformed;

        TcpOptions options() {
            if (mss < 0 && windowScale < 0 && !sackPermitted && !timestamps && !malformed) {
                return TcpOptions.NONE; // most segments: no object of their own
            }
            return new TcpOptions(mss < 0 ? null : mss, windowScale < 0 ? null : windowScale, sackPermitted,
                    timestamps ? tsValue : null, timestamps ? tsEcho : null, malformed);
        }
    }
}
