package io.pmtuwatch.probe.handshake;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures one TCP handshake to a target port: outcome, RTT and the MSS each side advertised.
 * With capture (root or CAP_NET_RAW) the options are read from our SYN and the SYN-ACK on the
 * wire; otherwise the kernel's TCP_INFO is the fallback. Everything (socket, capture, route
 * lookup) happens on the calling thread, hence in its network namespace: call it from
 * {@code NetNamespace.call} to measure inside a lab namespace.
 *
 * <p>Measure before tracing the same destination: a trace that learns a PMTU makes our kernel
 * advertise PMTU - headers in its next SYNs ({@link HandshakeResult#synMssReflectsLearnedPmtu()}).
 */
public final class HandshakeProber {

    private static final Logger LOG = LoggerFactory.getLogger(HandshakeProber.class);

    private final HandshakeSettings settings;

    public HandshakeProber(HandshakeSettings settings) {
        this.settings = settings;
    }

    public HandshakeSettings settings() {
        return settings;
    }

    /** Never throws for network trouble: failures come back as outcome ERROR with a reason. */
    public HandshakeResult measure(InetAddress server, int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        Instant startedAt = Instant.now();
        EgressInterface egress;
        try {
            egress = EgressInterface.towards(server).orElse(null);
        } catch (IOException e) {
            return HandshakeAssembler.failure(server, port, e.getMessage(), null, startedAt);
        }
        boolean wantCapture = switch (settings.mode()) {
            case PCAP -> true;
            case TCP_INFO -> false;
            case AUTO -> CaptureCapability.currentProcessMayCapture();
        };
        try (TcpSocket socket = TcpSocket.openFor(server)) {
            int clientPort = socket.localAddress().getPort();
            HandshakeCapture capture = null;
            String note = null;
            if (wantCapture) {
                try {
                    if (egress == null) {
                        throw new IOException("no egress interface found towards " + server.getHostAddress());
                    }
                    capture = HandshakeCapture.open(egress.name(), server, port, clientPort);
                } catch (IOException e) {
                    if (settings.mode() == MssMode.PCAP) {
                        return HandshakeAssembler.failure(server, port, e.getMessage(), egress, startedAt);
                    }
                    note = "capture unavailable, used TCP_INFO: " + e.getMessage();
                    LOG.debug("handshake to {}:{}: {}", server.getHostAddress(), port, note);
                }
            }
            try {
                return connectAndObserve(socket, capture, server, port, clientPort, egress, note);
            } finally {
                if (capture != null) {
                    capture.close();
                }
            }
        } catch (IOException e) {
            return HandshakeAssembler.failure(server, port, e.getMessage(), egress, startedAt);
        }
    }

    private HandshakeResult connectAndObserve(TcpSocket socket, HandshakeCapture capture, InetAddress server, int port,
                                              int clientPort, EgressInterface egress, String note) throws IOException {
        Instant startedAt = Instant.now();
        ConnectResult connect = socket.connect(port, settings.connectTimeout());
        TcpInfo kernel = readTcpInfo(socket);
        InetSocketAddress local = socket.localAddress();
        WireHandshake wire = null;
        if (capture != null) {
            boolean expectAnswer = connect.status() == ConnectResult.Status.CONNECTED
                    || connect.status() == ConnectResult.Status.REFUSED;
            Predicate<List<CapturedPacket>> complete = packets -> WireHandshakeMatcher.match(packets, server, port,
                    clientPort).filter(w -> !expectAnswer || w.synAck() != null || w.reset()).isPresent();
            List<CapturedPacket> packets = capture.read(System.nanoTime() + settings.captureGrace().toNanos(),
                    complete);
            wire = WireHandshakeMatcher.match(packets, server, port, clientPort).orElse(null);
            if (wire == null || (expectAnswer && wire.synAck() == null && !wire.reset())) {
                note = note == null ? "capture saw " + packets.size() + " handshake packets, not the whole handshake"
                        : note;
            }
        }
        return HandshakeAssembler.assemble(new HandshakeAssembler.Facts(server, port, local, connect, wire, kernel,
                egress, startedAt, note));
    }

    private static TcpInfo readTcpInfo(TcpSocket socket) {
        try {
            return socket.tcpInfo();
        } catch (IOException | IllegalArgumentException e) {
            LOG.debug("no TCP_INFO: {}", e.getMessage());
            return null;
        }
    }
}
