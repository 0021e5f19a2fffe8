package io.pmtuwatch.probe.capture;

import io.pmtuwatch.probe.packet.LinkType;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pcap or pcapng file read in pure Java: the default reader of {@code analyze} and {@code replay}.
 * libpcap through pcap4j ({@link OfflineCapture}) costs a JNA call per frame, about 2 µs, which was most
 * of {@code analyze}'s time; here a frame costs a few header reads in a large buffer. {@link #next()}
 * copies it into the array {@link CapturedFrame} holds (such frames may outlive the call: a first IPv4
 * fragment waits in the reassembler for the others); {@link #next(RecordView)} leaves it in the buffer.
 *
 * <p>Differences from libpcap, all on odd files: a record whose captured length exceeds its original
 * length is damage (libpcap accepts it); a record longer than the file's snaplen is delivered whole
 * (libpcap cuts it to the snaplen); pcapng sections may switch byte order. Formats libpcap knows and
 * this reader does not (modified pcap) are refused with a pointer to {@code --reader pcap4j}.
 */
public final class PcapFileReader implements FrameSource {

    private static final Logger LOG = LoggerFactory.getLogger(PcapFileReader.class);

    private final FileWindow window;
    private final CaptureRecords records;
    /** Where {@link #next()} reads the frame it then copies. */
    private final RecordView view = new RecordView();
    private long frames;

    private PcapFileReader(FileWindow window, CaptureRecords records) {
        this.window = window;
        this.records = records;
    }

    public static PcapFileReader open(Path file) throws IOException {
        return open(file, FileWindow.DEFAULT_CAPACITY);
    }

    static PcapFileReader open(Path file, int bufferCapacity) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException("cannot read " + file + ": no such file", e);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new IOException("cannot read " + file + ": permission denied", e);
        } catch (IOException e) {
            throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        FileWindow window = new FileWindow(channel, Files.isRegularFile(file), bufferCapacity);
        try {
            int have;
            try {
                // Four bytes tell the format; eight say more about a file that is neither.
                have = window.require(8);
            } catch (IOException e) {
                throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
            }
            byte[] head = new byte[have];
            window.buffer().get(window.position(), head);
            CaptureRecords records = switch (CaptureFileFormat.of(file, head)) {
                case PCAP -> ClassicPcapRecords.open(file, window);
                case PCAPNG -> PcapngRecords.open(file, window);
            };
            return new PcapFileReader(window, records);
        } catch (IOException | RuntimeException e) {
            window.close();
            throw e;
        }
    }

    @Override
    public LinkType linkType() {
        return records.linkType();
    }

    /** @throws CaptureDamagedException with the frames read and the byte offset of the bad record */
    @Override
    public CapturedFrame next() throws IOException {
        return next(view) ? view.copy() : null;
    }

    /**
     * Reads the next frame in place into {@code into}: its bytes stay in this reader's buffer, valid until
     * the next read (no copy: how {@code analyze} reads).
     *
     * @return false at the end of the file
     * @throws CaptureDamagedException with the frames read and the byte offset of the bad record
     */
    boolean next(RecordView into) throws IOException {
        if (!records.next(frames + 1, into)) {
            return false;
        }
        frames++;
        return true;
    }

    /** Frames delivered so far. */
    public long frames() {
        return frames;
    }

    /** Bytes of the file read so far (for a progress bar). */
    public long offset() {
        return window.offset();
    }

    @Override
    public void close() {
        try {
            window.close();
        } catch (IOException e) {
            // Only read from: nothing is lost when closing fails.
            LOG.debug("closing a capture file failed", e);
        }
    }
}
