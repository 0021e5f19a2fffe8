package io.pmtuwatch.probe.capture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;

/** What a capture file is, from its first four bytes. */
enum CaptureFileFormat {
    /** Classic libpcap format, either byte order, micro- or nanosecond timestamps. */
    PCAP,
    /** pcapng: starts with a Section Header Block, whose type reads the same in both byte orders. */
    PCAPNG;

    static final int PCAP_MICROS = 0xA1B2C3D4;
    static final int PCAP_NANOS = 0xA1B23C4D;
    static final int SECTION_HEADER = 0x0A0D0D0A;
    // Formats libpcap reads and we do not; the error points at the other reader.
    private static final int PCAP_MODIFIED = 0xA1B2CD34;
    private static final int PCAP_NOKIA = 0xA1B2CD35;

    /** @param head the file's first bytes (fewer than four when the file is that short) */
    static CaptureFileFormat of(Path file, byte[] head) throws IOException {
        if (head.length < 4) {
            throw new IOException(file + " is not a pcap or pcapng file: it holds only " + head.length + " bytes");
        }
        int big = (head[0] & 0xFF) << 24 | (head[1] & 0xFF) << 16 | (head[2] & 0xFF) << 8 | head[3] & 0xFF;
        int little = Integer.reverseBytes(big);
        if (big == SECTION_HEADER) {
            return PCAPNG;
        }
        if (big == PCAP_MICROS || big == PCAP_NANOS || little == PCAP_MICROS || little == PCAP_NANOS) {
            return PCAP;
        }
        String first = HexFormat.ofDelimiter(" ").formatHex(head, 0, Math.min(head.length, 8));
        if (big == PCAP_MODIFIED || little == PCAP_MODIFIED || big == PCAP_NOKIA || little == PCAP_NOKIA) {
            throw new IOException(file + " is a modified (Kuznetzov/Nokia) pcap file, which only libpcap reads"
                    + " (first bytes " + first + "): use --reader pcap4j");
        }
        String hint = (head[0] & 0xFF) == 0x1F && (head[1] & 0xFF) == 0x8B ? " (gzip-compressed: gunzip it first)"
                : printable(head) ? " (text: \"" + new String(head, 0, Math.min(head.length, 8),
                StandardCharsets.US_ASCII) + "\")" : "";
        throw new IOException(file + " is neither pcap nor pcapng: it starts with " + first + hint);
    }

    private static boolean printable(byte[] head) {
        for (int i = 0; i < Math.min(head.length, 8); i++) {
            if (head[i] < 0x20 || head[i] > 0x7E) {
                return false;
            }
        }
        return true;
    }
}
