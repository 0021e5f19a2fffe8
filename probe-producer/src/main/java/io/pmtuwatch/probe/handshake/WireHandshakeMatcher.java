package io.pmtuwatch.probe.handshake;

import io.pmtuwatch.probe.packet.TcpPacket;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Picks our SYN and the server's answer out of captured packets. Pure. The capture filter is
 * already narrow, but the check is repeated here: the filter is installed after the handle
 * opens, and a SYN-ACK must acknowledge the SYN it answers.
 */
final class WireHandshakeMatcher {

    private WireHandshakeMatcher() {
    }

    static Optional<WireHandshake> match(List<CapturedPacket> packets, InetAddress server, int serverPort,
                                         int clientPort) {
        CapturedPacket lastSyn = null;
        int synCount = 0;
        for (CapturedPacket captured : packets) {
            TcpPacket p = captured.packet();
            if (isOurSyn(p, server, serverPort, clientPort)) {
                lastSyn = captured;
                synCount++;
                continue;
            }
            if (lastSyn == null || !isFromServer(p, server, serverPort, clientPort)) {
                continue;
            }
            long expectedAck = (lastSyn.packet().tcp().sequence() + 1) & 0xFFFFFFFFL;
            boolean answers = p.tcp().flags().ack() && p.tcp().acknowledgment() == expectedAck;
            if (answers && (p.tcp().flags().isSynAck() || p.tcp().flags().rst())) {
                boolean synAck = p.tcp().flags().isSynAck();
                return Optional.of(new WireHandshake(lastSyn.packet().ip().source(), clientPort,
                        lastSyn.timestampMicros(), lastSyn.packet().tcp().options(),
                        synAck ? p.tcp().options() : null, !synAck,
                        captured.timestampMicros() - lastSyn.timestampMicros(), synCount));
            }
        }
        if (lastSyn == null) {
            return Optional.empty();
        }
        return Optional.of(new WireHandshake(lastSyn.packet().ip().source(), clientPort, lastSyn.timestampMicros(),
                lastSyn.packet().tcp().options(), null, false, null, synCount));
    }

    private static boolean isOurSyn(TcpPacket p, InetAddress server, int serverPort, int clientPort) {
        return p.tcp().flags().isSynOnly() && p.ip().destination().equals(server)
                && p.tcp().destinationPort() == serverPort && p.tcp().sourcePort() == clientPort;
    }

    private static boolean isFromServer(TcpPacket p, InetAddress server, int serverPort, int clientPort) {
        return p.ip().source().equals(server) && p.tcp().sourcePort() == serverPort
                && p.tcp().destinationPort() == clientPort;
    }
}
