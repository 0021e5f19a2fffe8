package io.pmtuwatch.probe.capture;

import io.pmtuwatch.probe.handshake.LiveHandle;
import io.pmtuwatch.probe.packet.LinkType;
import java.io.IOException;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapStat;

/**
 * A live capture on one interface (pcap4j), filtered in the kernel to what the passive sensor needs
 * ({@link LiveFilter}). Lives in the network namespace of the opening thread.
 */
public final class LiveCapture implements FrameSource {

    /** Enough for Ethernet, two VLAN tags, IPv6, extension headers, a 60-byte TCP header, and ICMP quotes. */
    private static final int SNAPLEN = 1600;
    private static final int READ_TIMEOUT_MILLIS = 100;
    private static final int IDLE_PAUSE_MILLIS = 5;
    private static final int BUFFER_BYTES = 4 * 1024 * 1024;

    private final PcapHandle handle;
    private final LinkType linkType;
    private long frames;

    private LiveCapture(PcapHandle handle, LinkType linkType) {
        this.handle = handle;
        this.linkType = linkType;
    }

    public static LiveCapture open(String interfaceName, String filter) throws IOException {
        LiveHandle live = LiveHandle.open(interfaceName, SNAPLEN, READ_TIMEOUT_MILLIS, BUFFER_BYTES, true, filter);
        try {
            // On Linux a blocking read of a quiet interface never returns, whatever the read timeout
            // (an empty TPACKET_V3 block is not retired; immediate mode polls without a timeout). Non-
            // blocking reads with a short pause keep stop requests and counter reports on time.
            live.handle().setBlockingMode(PcapHandle.BlockingMode.NONBLOCKING);
        } catch (PcapNativeException | NotOpenException e) {
            live.handle().close();
            throw new IOException("cannot switch " + interfaceName + " to non-blocking reads: " + e.getMessage(), e);
        }
        return new LiveCapture(live.handle(), live.linkType());
    }

    @Override
    public LinkType linkType() {
        return linkType;
    }

    /** The next frame, or null when the read timeout passed without one. */
    @Override
    public CapturedFrame next() throws IOException {
        byte[] bytes;
        try {
            bytes = handle.getNextRawPacket();
        } catch (NotOpenException e) {
            throw new IOException("capture closed", e);
        }
        if (bytes == null) {
            pause();
            return null;
        }
        frames++;
        return new CapturedFrame(frames, OfflineCapture.micros(handle.getTimestamp()), handle.getOriginalLength(),
                bytes);
    }

    private static void pause() throws IOException {
        try {
            Thread.sleep(IDLE_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("capture interrupted");
        }
    }

    /** Replaces the kernel filter (the sensor widens it for senders sent a packet-too-big). */
    public void setFilter(String filter) throws IOException {
        try {
            handle.setFilter(filter, org.pcap4j.core.BpfProgram.BpfCompileMode.OPTIMIZE);
        } catch (PcapNativeException | NotOpenException e) {
            throw new IOException("cannot set capture filter: " + e.getMessage(), e);
        }
    }

    /** libpcap's counters: received, dropped for lack of buffer space, dropped by the interface. */
    public CaptureDrops drops() {
        try {
            PcapStat stat = handle.getStats();
            return new CaptureDrops(stat.getNumPacketsReceived(), stat.getNumPacketsDropped(),
                    stat.getNumPacketsDroppedByIf());
        } catch (PcapNativeException | NotOpenException e) {
            return new CaptureDrops(-1, -1, -1);
        }
    }

    /** Makes a blocked {@link #next()} return (from another thread). */
    public void breakLoop() {
        try {
            handle.breakLoop();
        } catch (NotOpenException ignored) {
            // already closed: nothing blocks
        }
    }

    @Override
    public void close() {
        handle.close();
    }
}
