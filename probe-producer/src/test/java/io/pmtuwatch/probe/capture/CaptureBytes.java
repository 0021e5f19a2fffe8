package io.pmtuwatch.probe.capture;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Capture files built byte by byte, for the reader's tests: classic pcap records and pcapng blocks in
 * either byte order, including the broken ones real files sometimes hold.
 */
final class CaptureBytes {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private ByteOrder order;

    private CaptureBytes(ByteOrder order) {
        this.order = order;
    }

    /** A classic pcap file header. */
    static CaptureBytes pcap(ByteOrder order, boolean nanoseconds, int linkType) {
        CaptureBytes c = new CaptureBytes(order);
        c.put(buffer(24, order).putInt(nanoseconds ? 0xA1B23C4D : 0xA1B2C3D4).putShort((short) 2)
                .putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(linkType));
        return c;
    }

    /** An empty pcapng file, to be started with {@link #section}. */
    static CaptureBytes pcapng() {
        return new CaptureBytes(ByteOrder.LITTLE_ENDIAN);
    }

    /** A classic pcap record. */
    CaptureBytes record(long seconds, long fraction, int originalLength, byte[] data) {
        return recordHeader(seconds, fraction, data.length, originalLength).raw(data);
    }

    /** A classic pcap record header alone, lengths as given (to write broken ones). */
    CaptureBytes recordHeader(long seconds, long fraction, long capturedLength, long originalLength) {
        return put(buffer(16, order).putInt((int) seconds).putInt((int) fraction).putInt((int) capturedLength)
                .putInt((int) originalLength));
    }

    /** A Section Header Block; the blocks after it use its byte order. */
    CaptureBytes section(ByteOrder sectionOrder) {
        order = sectionOrder;
        ByteBuffer body = buffer(16, order).putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1);
        return block(0x0A0D0D0A, body.array());
    }

    /**
     * An Interface Description Block.
     *
     * @param tsresol  the if_tsresol option's byte, null for none
     * @param tsoffset the if_tsoffset option, null for none
     */
    CaptureBytes interfaceDescription(int linkType, int snaplen, Integer tsresol, Long tsoffset) {
        ByteBuffer body = buffer(8 + 8 + 12 + 4, order).putShort((short) linkType).putShort((short) 0).putInt(snaplen);
        if (tsresol != null) {
            body.putShort((short) 9).putShort((short) 1).put(tsresol.byteValue()).put(new byte[3]);
        }
        if (tsoffset != null) {
            body.putShort((short) 14).putShort((short) 8).putLong(tsoffset);
        }
        body.putInt(0); // opt_endofopt
        return block(1, java.util.Arrays.copyOf(body.array(), body.position()));
    }

    /** An Enhanced Packet Block. */
    CaptureBytes enhancedPacket(int interfaceId, long timestamp, int originalLength, byte[] data) {
        ByteBuffer body = buffer(20 + padded(data.length), order).putInt(interfaceId).putInt((int) (timestamp >>> 32))
                .putInt((int) timestamp).putInt(data.length).putInt(originalLength).put(data);
        return block(6, body.array());
    }

    /** An obsolete Packet Block: 16-bit interface id, 16-bit drop count. */
    CaptureBytes obsoletePacket(int interfaceId, long timestamp, int originalLength, byte[] data) {
        ByteBuffer body = buffer(20 + padded(data.length), order).putShort((short) interfaceId).putShort((short) 0)
                .putInt((int) (timestamp >>> 32)).putInt((int) timestamp).putInt(data.length).putInt(originalLength)
                .put(data);
        return block(2, body.array());
    }

    /** A Simple Packet Block: the frame of interface 0, cut to its snaplen, without a timestamp. */
    CaptureBytes simplePacket(int originalLength, byte[] data) {
        ByteBuffer body = buffer(4 + padded(data.length), order).putInt(originalLength).put(data);
        return block(3, body.array());
    }

    /** Any block: type, total length, body (padded), total length. */
    CaptureBytes block(int type, byte[] body) {
        int length = 12 + padded(body.length);
        ByteBuffer b = buffer(length, order).putInt(type).putInt(length).put(body);
        b.position(length - 4);
        b.putInt(length);
        return put(b);
    }

    CaptureBytes raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    /** Bytes so far: the offset of what is written next. */
    int size() {
        return out.size();
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    /** {@code length} bytes counting up from {@code first}: recognisable frame contents. */
    static byte[] frame(int length, int first) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (first + i);
        }
        return bytes;
    }

    private CaptureBytes put(ByteBuffer b) {
        out.write(b.array(), 0, b.capacity());
        return this;
    }

    private static int padded(int length) {
        return (length + 3) & ~3;
    }

    private static ByteBuffer buffer(int size, ByteOrder order) {
        return ByteBuffer.allocate(size).order(order);
    }
}
