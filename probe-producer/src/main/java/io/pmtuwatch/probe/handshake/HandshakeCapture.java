package io.pmtuwatch.probe.handshake;

import io.pmtuwatch.probe.packet.LinkType;
import io.pmtuwatch.probe.packet.PacketDecoder;
import java.io.IOException;
import java.net.InetAddress;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;

/**
 * A live capture of one handshake on one interface. Opened before the SYN is sent; read after the
 * connect finished. Reads raw bytes and decodes them with our own decoder (pcap4j's packet
 * factory does not know every link type). Lives in the network namespace of the opening thread.
 */
final class HandshakeCapture implements AutoCloseable {

    private static final int SNAPLEN = 256; // Ethernet + IPv6 + extension headers + 60-byte TCP header
    private static final int IDLE_MILLIS = 2;
    private static final int BUFFER_BYTES = 256 * 1024;

    private final PcapHandle handle;
    private final LinkType linkType;

    private HandshakeCapture(PcapHandle handle, LinkType linkType) {
        this.handle = handle;
        this.linkType = linkType;
    }

    static HandshakeCapture open(String interfaceName, InetAddress server, int serverPort, int clientPort)
            throws IOException {
        LiveHandle live = LiveHandle.openNonBlocking(interfaceName, SNAPLEN, BUFFER_BYTES,
                CaptureFilter.forHandshake(server, serverPort, clientPort));
        return new HandshakeCapture(live.handle(), live.linkType());
    }

    /**
     * Reads packets until {@code done} is satisfied by what was read, or {@code deadlineNanos}
     * (System.nanoTime) passes.
     */
    List<CapturedPacket> read(long deadlineNanos, java.util.function.Predicate<List<CapturedPacket>> done)
            throws IOException {
        List<CapturedPacket> packets = new ArrayList<>();
        while (System.nanoTime() < deadlineNanos && !done.test(packets) && !Thread.currentThread().isInterrupted()) {
            byte[] frame;
            try {
                frame = handle.getNextRawPacket();
            } catch (NotOpenException e) {
                throw new IOException("capture closed", e);
            }
            if (frame == null) {
                pause(); // nothing yet (non-blocking: the deadline must be able to pass)
                continue;
            }
            long micros = micros(handle.getTimestamp());
            Optional.of(frame).flatMap(f -> PacketDecoder.tcp(linkType, f))
                    .ifPresent(p -> packets.add(new CapturedPacket(micros, p)));
        }
        return packets;
    }

    private static void pause() {
        try {
            Thread.sleep(IDLE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long micros(Timestamp timestamp) {
        return Math.floorDiv(timestamp.getTime(), 1000) * 1_000_000L + timestamp.getNanos() / 1000;
    }

    @Override
    public void close() {
        handle.close();
    }
}
