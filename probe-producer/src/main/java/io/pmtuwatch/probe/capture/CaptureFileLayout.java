package io.pmtuwatch.probe.capture;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Byte offsets of records in pcap and pcapng files, computed by walking record headers. libpcap
 * ({@code --reader pcap4j}) reports that a file is damaged but not where; this names the offset of the
 * record it choked on. The built-in reader knows its offsets and needs none of this.
 * Pure over an input stream; reads only headers (skips packet bodies).
 */
public final class CaptureFileLayout {

    private static final int PCAP_MAGIC = 0xA1B2C3D4;
    private static final int PCAP_MAGIC_NANOS = 0xA1B23C4D;
    private static final int PCAPNG_SECTION_HEADER = 0x0A0D0D0A;
    private static final int PCAP_FILE_HEADER = 24;
    private static final int PCAP_RECORD_HEADER = 16;
    // Block types that carry one packet each (enhanced, simple, obsolete packet block).
    private static final int EPB = 6;
    private static final int SPB = 3;
    private static final int OPB = 2;

    private CaptureFileLayout() {
    }

    /** Offset of the record holding packet number {@code index} (0-based); -1 when the file is not pcap/pcapng. */
    public static long offsetOfPacket(Path file, long index) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return offsetOfPacket(in, index);
        }
    }

    static long offsetOfPacket(InputStream in, long index) throws IOException {
        byte[] head = in.readNBytes(PCAP_FILE_HEADER);
        if (head.length < 12) {
            return -1;
        }
        ByteBuffer b = ByteBuffer.wrap(head);
        int magic = b.getInt(0);
        if (magic == PCAPNG_SECTION_HEADER) {
            return pcapng(in, head, index);
        }
        ByteOrder order;
        if (magic == PCAP_MAGIC || magic == PCAP_MAGIC_NANOS) {
            order = ByteOrder.BIG_ENDIAN;
        } else if (Integer.reverseBytes(magic) == PCAP_MAGIC || Integer.reverseBytes(magic) == PCAP_MAGIC_NANOS) {
            order = ByteOrder.LITTLE_ENDIAN;
        } else {
            return -1;
        }
        long offset = PCAP_FILE_HEADER;
        for (long i = 0; i < index; i++) {
            byte[] record = in.readNBytes(PCAP_RECORD_HEADER);
            if (record.length < PCAP_RECORD_HEADER) {
                return offset;
            }
            long captured = ByteBuffer.wrap(record).order(order).getInt(8) & 0xFFFFFFFFL;
            offset += PCAP_RECORD_HEADER + captured;
            in.skipNBytes(captured);
        }
        return offset;
    }

    private static long pcapng(InputStream in, byte[] head, long index) throws IOException {
        // Byte order from the section header's byte-order magic at offset 8.
        ByteOrder order = ByteBuffer.wrap(head).getInt(8) == 0x1A2B3C4D ? ByteOrder.BIG_ENDIAN
                : ByteOrder.LITTLE_ENDIAN;
        long offset = 0;
        long blockLength = ByteBuffer.wrap(head).order(order).getInt(4) & 0xFFFFFFFFL;
        if (blockLength < 12) {
            return 0;
        }
        in.skipNBytes(blockLength - head.length);
        offset += blockLength;
        long packets = 0;
        while (true) {
            byte[] header = in.readNBytes(8);
            if (header.length < 8) {
                return offset;
            }
            ByteBuffer hb = ByteBuffer.wrap(header).order(order);
            int type = hb.getInt(0);
            long length = hb.getInt(4) & 0xFFFFFFFFL;
            boolean packet = type == EPB || type == SPB || type == OPB;
            if (packet && packets == index) {
                return offset;
            }
            if (length < 12) {
                return offset; // a broken block: this is where reading stops
            }
            packets += packet ? 1 : 0;
            in.skipNBytes(length - 8);
            offset += length;
        }
    }
}
