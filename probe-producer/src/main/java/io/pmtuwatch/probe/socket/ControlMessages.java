package io.pmtuwatch.probe.socket;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a recvmsg control buffer into its messages. 64-bit layout: {@code size_t cmsg_len},
 * {@code int level}, {@code int type}, data, each message padded to 8 bytes. A truncated or
 * malformed message ends the walk rather than reading past the buffer.
 */
public final class ControlMessages {

    static final int HEADER = 16;
    private static final int ALIGN = 8;

    private ControlMessages() {
    }

    public static List<ControlMessage> parse(byte[] buffer, int length) {
        List<ControlMessage> out = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(buffer, 0, Math.min(length, buffer.length)).order(ByteOrder.nativeOrder());
        int offset = 0;
        int end = Math.min(length, buffer.length);
        while (offset + HEADER <= end) {
            long cmsgLen = b.getLong(offset);
            if (cmsgLen < HEADER || offset + cmsgLen > end) {
                break;
            }
            int level = b.getInt(offset + 8);
            int type = b.getInt(offset + 12);
            out.add(new ControlMessage(level, type,
                    Arrays.copyOfRange(buffer, offset + HEADER, (int) (offset + cmsgLen))));
            offset += (int) ((cmsgLen + ALIGN - 1) & ~(ALIGN - 1));
        }
        return out;
    }

    /** Builds one message (for fixtures): the inverse of {@link #parse}. */
    public static byte[] build(int level, int type, byte[] data) {
        int len = HEADER + data.length;
        int padded = (len + ALIGN - 1) & ~(ALIGN - 1);
        ByteBuffer b = ByteBuffer.allocate(padded).order(ByteOrder.nativeOrder());
        b.putLong(len).putInt(level).putInt(type).put(data);
        return b.array();
    }
}
