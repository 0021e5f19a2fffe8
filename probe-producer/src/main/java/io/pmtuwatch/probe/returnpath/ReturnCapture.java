package io.pmtuwatch.probe.returnpath;

import io.pmtuwatch.probe.handshake.LiveHandle;
import io.pmtuwatch.probe.packet.LinkType;
import io.pmtuwatch.probe.packet.PacketDecoder;
import io.pmtuwatch.probe.packet.TcpPacket;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Optional;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;

/**
 * A live capture of one connection's segments, both ways, headers only, on the egress interface;
 * also the way our packet-too-big leaves (injected on the same link). Opened before the SYN, in the
 * network namespace of the calling thread.
 */
final class ReturnCapture implements AutoCloseable {

    private static final int SNAPLEN = 128; // Ethernet + IPv6 + a 60-byte TCP header
    private static final int IDLE_MILLIS = 2;
    private static final int BUFFER_BYTES = 2 * 1024 * 1024;

    /** A decoded segment with the frame it came in (for the link header of our answer). */
    record Segment(TcpPacket packet, byte[] frame) {
    }

    private final PcapHandle handle;
    private final LinkType linkType;

    private ReturnCapture(LiveHandle live) {
        this.handle = live.handle();
        this.linkType = live.linkType();
    }

    static ReturnCapture open(String interfaceName, InetAddress target, int targetPort, int localPort)
            throws IOException {
        String host = target.getHostAddress().replaceFirst("%.*$", "");
        String filter = String.format("tcp and ((src host %1$s and src port %2$d and dst port %3$d)"
                + " or (dst host %1$s and dst port %2$d and src port %3$d))", host, targetPort, localPort);
        return new ReturnCapture(LiveHandle.openNonBlocking(interfaceName, SNAPLEN, BUFFER_BYTES, filter));
    }

    LinkType linkType() {
        return linkType;
    }

    /** The next captured segment; empty after a short wait when none is there. */
    Optional<Segment> next() throws IOException {
        byte[] frame;
        try {
            frame = handle.getNextRawPacket();
        } catch (NotOpenException e) {
            throw new IOException("capture closed", e);
        }
        if (frame == null) {
            pause();
            return Optional.empty();
        }
        return PacketDecoder.tcp(linkType, frame).map(p -> new Segment(p, frame));
    }

    private static void pause() {
        try {
            Thread.sleep(IDLE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Puts a whole frame on the link. */
    void inject(byte[] frame) throws IOException {
        try {
            handle.sendPacket(frame);
        } catch (PcapNativeException | NotOpenException e) {
            throw new IOException("cannot send the packet-too-big: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        handle.close();
    }
}
