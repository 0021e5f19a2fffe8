package io.pmtuwatch.probe.capture;

import io.pmtuwatch.probe.packet.LinkType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The frames of a pcapng file: sections (each with its own byte order and interfaces), Interface
 * Description Blocks, and Enhanced, Simple and obsolete Packet Blocks; every other block is skipped
 * unread.
 *
 * <p>One link type per file: {@link FrameSource#linkType()} is one value, fixed when the file is opened,
 * and the analyzer decodes every frame with it. A file whose interfaces differ (a multi-interface capture
 * over, say, Ethernet and a tunnel) is refused with an error naming both interfaces; libpcap refuses
 * such files too.
 */
final class PcapngRecords implements CaptureRecords {

    private static final int END_OF_FILE = -1;

    private final Path file;
    private final FileWindow window;
    /** The current section's interfaces: interface ids count from 0 in each section. */
    private final List<PcapngInterface> interfaces = new ArrayList<>();
    private int section;
    private LinkType linkType;
    private String firstInterface;
    /** File offset of the block being read: where damage is. */
    private long blockOffset;

    private PcapngRecords(Path file, FileWindow window) {
        this.file = file;
        this.window = window;
    }

    /** Reads up to the first Interface Description Block, which fixes the link type. */
    static PcapngRecords open(Path file, FileWindow window) throws IOException {
        PcapngRecords records = new PcapngRecords(file, window);
        try {
            while (records.linkType == null) {
                int type = records.nextBlock();
                if (type == END_OF_FILE) {
                    throw new IOException(file + ": pcapng file without an interface description block");
                }
                if (PcapngLayout.isPacket(type)) {
                    throw new IOException(file + ": packet block at byte offset " + records.blockOffset
                            + " before any interface description block");
                }
            }
        } catch (MalformedRecordException e) {
            throw new IOException(file + ": unreadable block at byte offset " + records.blockOffset + ": "
                    + e.getMessage());
        }
        return records;
    }

    @Override
    public LinkType linkType() {
        return linkType;
    }

    @Override
    public boolean next(long number, RecordView into) throws IOException {
        try {
            while (true) {
                int type = nextBlock();
                if (type == END_OF_FILE) {
                    return false;
                }
                if (PcapngLayout.isPacket(type)) {
                    packet(number, type, into);
                    return true;
                }
            }
        } catch (MalformedRecordException e) {
            throw new CaptureDamagedException(number - 1, blockOffset, e.getMessage(), null);
        }
    }

    /**
     * Reads one block that is not a packet; stops in front of a packet block.
     *
     * @return the block's type, or {@link #END_OF_FILE}
     */
    private int nextBlock() throws IOException, MalformedRecordException {
        blockOffset = window.offset();
        int have = window.require(PcapngLayout.BLOCK_HEADER);
        if (have == 0) {
            return END_OF_FILE;
        }
        if (have < PcapngLayout.BLOCK_HEADER) {
            throw new MalformedRecordException("block header cut short: " + have + " of " + PcapngLayout.BLOCK_HEADER
                    + " bytes");
        }
        int type = PcapngLayout.type(window.buffer(), window.position());
        if (type == PcapngLayout.SECTION_HEADER) {
            sectionHeader();
        } else if (type == PcapngLayout.INTERFACE_DESCRIPTION) {
            interfaceDescription();
        } else if (!PcapngLayout.isPacket(type)) {
            long length = PcapngLayout.length(window.buffer(), window.position());
            window.skip(length);
            if (window.beyondEnd()) {
                throw new MalformedRecordException("block of type " + Integer.toUnsignedString(type) + " and " + length
                        + " bytes cut short by the end of the file");
            }
        }
        return type;
    }

    private void sectionHeader() throws IOException, MalformedRecordException {
        int have = window.require(PcapngLayout.MIN_BLOCK);
        if (have < PcapngLayout.MIN_BLOCK) {
            throw new MalformedRecordException("section header block cut short: " + have + " bytes");
        }
        // A new section may switch byte order; its length field is already in the new one.
        window.order(PcapngLayout.sectionOrder(window.buffer(), window.position()));
        int length = whole();
        PcapngLayout.checkSectionHeader(window.buffer(), window.position(), length);
        interfaces.clear();
        section++;
        window.skip(length);
    }

    private void interfaceDescription() throws IOException, MalformedRecordException {
        int length = whole();
        PcapngInterface description = PcapngLayout.parseInterface(window.buffer(), window.position(), length);
        String name = "interface " + interfaces.size() + " of section " + section + " (link type "
                + description.linkType() + ", at byte offset " + blockOffset + ")";
        if (linkType == null) {
            linkType = LinkType.ofDlt(description.linkType()).orElseThrow(() -> new IOException(file + ": link type "
                    + description.linkType() + " is not supported"));
            firstInterface = name;
        } else if (description.linkType() != linkType.dlt()) {
            throw new IOException(file + ": its interfaces have different link types: " + firstInterface + " and "
                    + name + "; analyze decodes one link type per file (split it per interface, e.g. with"
                    + " tshark -r FILE -Y frame.interface_id==N -w PART)");
        }
        interfaces.add(description);
        window.skip(length);
    }

    private void packet(long number, int type, RecordView into) throws IOException, MalformedRecordException {
        int length = whole();
        ByteBuffer b = window.buffer();
        int at = window.position();
        int id = PcapngLayout.interfaceId(b, at, type);
        if (id < 0 || id >= interfaces.size()) {
            throw new MalformedRecordException("packet of interface " + Integer.toUnsignedString(id) + ", but section "
                    + section + " describes " + interfaces.size() + " interfaces");
        }
        PcapngInterface description = interfaces.get(id);
        int captured = PcapngLayout.capturedLength(b, at, type, length, description.snaplen());
        // Simple Packet Blocks carry no timestamp: 0, as libpcap reports them.
        long micros = type == PcapngLayout.SIMPLE_PACKET ? 0
                : description.micros(PcapngLayout.timestampUnits(b, at, type));
        int original = PcapngLayout.originalLength(b, at, type);
        int data = PcapngLayout.dataOffset(type);
        window.skip(data);
        into.set(number, micros, original, b, window.position(), captured);
        window.skip(length - data);
    }

    /** Makes the whole block at the window's position available; checks its length at both ends. */
    private int whole() throws IOException, MalformedRecordException {
        long length = PcapngLayout.length(window.buffer(), window.position());
        int type = PcapngLayout.type(window.buffer(), window.position());
        if (length > PcapngLayout.MAX_BLOCK) {
            throw new MalformedRecordException("block of type " + Integer.toUnsignedString(type) + " claims " + length
                    + " bytes, more than the " + (PcapngLayout.MAX_BLOCK >> 20) + " MiB a header or packet block may"
                    + " have");
        }
        int have = window.require((int) length);
        if (have < length) {
            throw new MalformedRecordException("block of type " + Integer.toUnsignedString(type) + " cut short: "
                    + have + " of " + length + " bytes");
        }
        PcapngLayout.checkTrailer(window.buffer(), window.position(), (int) length);
        return (int) length;
    }
}
