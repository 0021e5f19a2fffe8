package io.pmtuwatch.probe.handshake;

import io.pmtuwatch.probe.packet.TcpOptions;
import io.pmtuwatch.schemas.HandshakeOutcome;
import io.pmtuwatch.schemas.MssMethod;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;

/**
 * Turns what the socket, the kernel and the capture said into a {@link HandshakeResult}. Pure:
 * the measuring code gathers facts, this class decides which of them to trust.
 */
final class HandshakeAssembler {

    /** Facts gathered by one measurement; capture, kernel and egress may each be missing. */
    record Facts(InetAddress server, int serverPort, InetSocketAddress local, ConnectResult connect,
                 WireHandshake wire, TcpInfo kernel, EgressInterface egress, Instant startedAt, String note) {
    }

    private HandshakeAssembler() {
    }

    static HandshakeResult assemble(Facts f) {
        HandshakeOutcome outcome = outcome(f.connect());
        // The schema's error field is for ERROR outcomes; other notes (a failed capture) go to the interpretation.
        String error = outcome == HandshakeOutcome.ERROR ? joinNotes(TcpSocket.describe(f.connect().errno()), f.note())
                : null;
        String note = outcome == HandshakeOutcome.ERROR || f.note() == null ? "" : "; " + f.note();
        Integer localMtu = f.egress() == null ? null : f.egress().mtu();
        String ifName = f.egress() == null ? null : f.egress().name();
        InetAddress clientAddress = f.local() == null || f.local().getAddress().isAnyLocalAddress()
                ? (f.wire() != null ? f.wire().clientAddress() : f.egress() != null ? f.egress().sourceAddress() : null)
                : f.local().getAddress();
        Integer clientPort = f.local() == null ? null : f.local().getPort();
        Long connectRtt = outcome == HandshakeOutcome.ESTABLISHED ? f.connect().elapsedNanos() / 1000 : null;
        TcpInfo kernel = f.kernel() != null && f.kernel().pmtu() > 0 ? f.kernel() : null;
        String cache = cacheNote(kernel, localMtu);

        if (f.wire() != null && (f.wire().synAck() != null || outcome != HandshakeOutcome.ESTABLISHED)) {
            TcpOptions syn = f.wire().syn();
            TcpOptions ack = f.wire().synAck();
            Long rtt = ack != null ? f.wire().rttMicros() : null;
            String meaning = "MSS values are the raw options of our SYN and of the server's "
                    + (ack != null ? "SYN-ACK" : "answer (none: " + outcome + ")") + ", captured on " + ifName + cache + note;
            Instant sentAt = Instant.ofEpochSecond(0, f.wire().synSentAtMicros() * 1000);
            return new HandshakeResult(outcome, MssMethod.PCAP, clientAddress, clientPort, f.server(),
                    f.serverPort(), syn.mss(), ack == null ? null : ack.mss(), syn.windowScale(),
                    ack == null ? null : ack.windowScale(), syn.sackPermitted(),
                    ack == null ? null : ack.sackPermitted(), syn.timestamps(), ack == null ? null : ack.timestamps(),
                    rtt, error, kernel, localMtu, ifName, sentAt, meaning);
        }
        if (kernel != null) {
            boolean established = outcome == HandshakeOutcome.ESTABLISHED;
            Integer sent = kernel.advmss() > 0 ? kernel.ourAdvertisedMss() : null;
            Integer received = established ? kernel.peerMssBoundedByPmtu() : null;
            // The kernel only reports options both sides agreed on: a "no" does not say who declined.
            Boolean sack = established && kernel.sack() ? Boolean.TRUE : null;
            Boolean ts = established && kernel.timestamps() ? Boolean.TRUE : null;
            boolean ws = established && kernel.windowScaling();
            String meaning = "TCP_INFO (no capture): mssSent is tcpi_advmss " + kernel.advmss()
                    + (kernel.timestamps() ? " + 12 timestamp bytes" : "") + ", the MSS our SYN advertised; mssReceived is"
                    + " min(server's MSS option, kernel PMTU " + kernel.pmtu() + " - headers) = tcpi_snd_mss "
                    + kernel.sndMss() + (kernel.timestamps() ? " + 12 timestamp bytes" : "")
                    + "; SACK/timestamps/window scale are shown only when both sides agreed on them" + cache + note;
            return new HandshakeResult(outcome, MssMethod.TCP_INFO, clientAddress, clientPort, f.server(),
                    f.serverPort(), sent, received, ws ? kernel.rcvWscale() : null, ws ? kernel.sndWscale() : null,
                    sack, sack, ts, ts, connectRtt, error, kernel, localMtu, ifName,
                    f.startedAt(), meaning);
        }
        return new HandshakeResult(outcome, MssMethod.UNKNOWN, clientAddress, clientPort, f.server(), f.serverPort(),
                null, null, null, null, null, null, null, null, connectRtt, error, null, localMtu,
                ifName, f.startedAt(), "no MSS measured" + note);
    }

    /** A measurement that failed before the SYN could be sent. */
    static HandshakeResult failure(InetAddress server, int serverPort, String reason, EgressInterface egress,
                                   Instant startedAt) {
        return new HandshakeResult(HandshakeOutcome.ERROR, MssMethod.UNKNOWN, egress == null ? null
                : egress.sourceAddress(), null, server, serverPort, null, null, null, null, null, null, null, null,
                null, reason, null, egress == null ? null : egress.mtu(), egress == null ? null : egress.name(),
                startedAt, "no MSS measured");
    }

    static HandshakeOutcome outcome(ConnectResult connect) {
        return switch (connect.status()) {
            case CONNECTED -> HandshakeOutcome.ESTABLISHED;
            case REFUSED -> HandshakeOutcome.REFUSED;
            case TIMEOUT -> HandshakeOutcome.TIMEOUT;
            case ERROR -> HandshakeOutcome.ERROR;
        };
    }

    private static String cacheNote(TcpInfo kernel, Integer localMtu) {
        if (kernel == null || localMtu == null || kernel.pmtu() >= localMtu) {
            return "";
        }
        return "; our kernel had learned PMTU " + kernel.pmtu() + " for this destination (interface MTU " + localMtu
                + "), so our SYN's MSS reflects that PMTU, not the interface MTU";
    }

    private static String joinNotes(String error, String note) {
        if (error == null) {
            return note;
        }
        return note == null ? error : error + "; " + note;
    }
}
