package io.pmtuwatch.probe.capture;

import io.pmtuwatch.probe.handshake.PcapLibrary;
import io.pmtuwatch.probe.packet.LinkType;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Timestamp;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.Pcaps;

/**
 * A pcap or pcapng file read through libpcap (pcap4j): {@code --reader pcap4j}, for files the built-in
 * {@link PcapFileReader} refuses. Slower: a JNA call per frame. Frames come as raw bytes and are decoded
 * by our own decoder: pcap4j's packet factories do not know every link type (Linux cooked v2) and
 * allocate a packet object per layer.
 */
public final class OfflineCapture implements FrameSource {

    private final Path file;
    private final PcapHandle handle;
    private final LinkType linkType;
    private long frames;

    private OfflineCapture(Path file, PcapHandle handle, LinkType linkType) {
        this.file = file;
        this.handle = handle;
        this.linkType = linkType;
    }

    public static OfflineCapture open(Path file) throws IOException {
        PcapLibrary.configure();
        PcapHandle handle;
        try {
            handle = Pcaps.openOffline(file.toString(), PcapHandle.TimestampPrecision.MICRO);
        } catch (PcapNativeException | RuntimeException | UnsatisfiedLinkError e) {
            throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        int dlt = handle.getDlt().value();
        LinkType linkType = LinkType.ofDlt(dlt).orElse(null);
        if (linkType == null) {
            handle.close();
            throw new IOException(file + ": link type " + dlt + " is not supported");
        }
        return new OfflineCapture(file, handle, linkType);
    }

    /** Installs a BPF filter: frames it rejects never cross into Java (libpcap filters in C). */
    public void setFilter(String bpf) throws IOException {
        try {
            handle.setFilter(bpf, org.pcap4j.core.BpfProgram.BpfCompileMode.OPTIMIZE);
        } catch (PcapNativeException | NotOpenException e) {
            throw new IOException("bad filter '" + bpf + "': " + e.getMessage(), e);
        }
    }

    @Override
    public LinkType linkType() {
        return linkType;
    }

    @Override
    public CapturedFrame next() throws IOException {
        byte[] bytes;
        try {
            bytes = handle.getNextRawPacketEx();
        } catch (EOFException e) {
            return null;
        } catch (java.util.concurrent.TimeoutException e) {
            return null; // never for files
        } catch (PcapNativeException e) {
            // libpcap says that the file is damaged, not where: the record headers tell.
            throw new CaptureDamagedException(frames, CaptureFileLayout.offsetOfPacket(file, frames), e.getMessage(),
                    e);
        } catch (NotOpenException e) {
            throw new IOException("capture closed", e);
        }
        frames++;
        return new CapturedFrame(frames, micros(handle.getTimestamp()), handle.getOriginalLength(), bytes);
    }

    static long micros(Timestamp timestamp) {
        return Math.floorDiv(timestamp.getTime(), 1000) * 1_000_000L + timestamp.getNanos() / 1000;
    }

    @Override
    public void close() {
        handle.close();
    }
}
