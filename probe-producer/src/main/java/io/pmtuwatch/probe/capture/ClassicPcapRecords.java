package io.pmtuwatch.probe.capture;

import io.pmtuwatch.probe.packet.LinkType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/** The records of a classic pcap file: a 24-byte file header, then a 16-byte header before every frame. */
final class ClassicPcapRecords implements CaptureRecords {

    private final FileWindow window;
    private final ClassicPcapLayout.FileHeader header;
    private final LinkType linkType;

    private ClassicPcapRecords(FileWindow window, ClassicPcapLayout.FileHeader header, LinkType linkType) {
        this.window = window;
        this.header = header;
        this.linkType = linkType;
    }

    /** Reads the file header; the window is at the start of the file. */
    static ClassicPcapRecords open(Path file, FileWindow window) throws IOException {
        int have = window.require(ClassicPcapLayout.FILE_HEADER);
        if (have < ClassicPcapLayout.FILE_HEADER) {
            throw new IOException(file + ": pcap file header cut short (" + have + " of "
                    + ClassicPcapLayout.FILE_HEADER + " bytes)");
        }
        ClassicPcapLayout.FileHeader header;
        try {
            header = ClassicPcapLayout.parse(window.buffer(), window.position());
        } catch (MalformedRecordException e) {
            throw new IOException(file + ": " + e.getMessage());
        }
        LinkType linkType = LinkType.ofDlt(header.linkType())
                .orElseThrow(() -> new IOException(file + ": link type " + header.linkType() + " is not supported"));
        window.order(header.order());
        window.skip(ClassicPcapLayout.FILE_HEADER);
        return new ClassicPcapRecords(window, header, linkType);
    }

    @Override
    public LinkType linkType() {
        return linkType;
    }

    @Override
    public boolean next(long number, RecordView into) throws IOException {
        long offset = window.offset();
        int have = window.require(ClassicPcapLayout.RECORD_HEADER);
        if (have == 0) {
            return false;
        }
        if (have < ClassicPcapLayout.RECORD_HEADER) {
            throw damage(number, offset, "record header cut short: " + have + " of " + ClassicPcapLayout.RECORD_HEADER
                    + " bytes");
        }
        ByteBuffer b = window.buffer();
        int at = window.position();
        int captured;
        try {
            captured = ClassicPcapLayout.capturedLength(b, at);
        } catch (MalformedRecordException e) {
            throw damage(number, offset, e.getMessage());
        }
        long micros = ClassicPcapLayout.micros(b, at, header.nanoseconds());
        int original = ClassicPcapLayout.originalLength(b, at);
        int size = ClassicPcapLayout.RECORD_HEADER + captured;
        have = window.require(size);
        if (have < size) {
            throw damage(number, offset, "record cut short: " + have + " of " + size + " bytes (captured length "
                    + captured + ")");
        }
        window.skip(ClassicPcapLayout.RECORD_HEADER);
        into.set(number, micros, original, window.buffer(), window.position(), captured);
        window.skip(captured);
        return true;
    }

    private static CaptureDamagedException damage(long number, long offset, String message) {
        return new CaptureDamagedException(number - 1, offset, message, null);
    }
}
