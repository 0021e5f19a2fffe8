package io.pmtuwatch.probe.handshake;

import io.pmtuwatch.probe.packet.IpPacket;
import io.pmtuwatch.probe.packet.TcpFlags;
import io.pmtuwatch.probe.packet.TcpOptions;
import io.pmtuwatch.probe.packet.TcpPacket;
import io.pmtuwatch.probe.packet.TcpSegment;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

/** Decoded handshake packets between client 10.0.0.2:50000 and server 10.0.0.1:443. */
final class HandshakePackets {

    static final InetAddress CLIENT = address("10.0.0.2");
    static final InetAddress SERVER = address("10.0.0.1");
    static final int CLIENT_PORT = 50000;
    static final int SERVER_PORT = 443;
    static final TcpOptions SYN_OPTIONS = new TcpOptions(1460, 7, true, 1L, 0L, false);
    static final TcpOptions SYN_ACK_OPTIONS = new TcpOptions(1360, 9, true, 5L, 1L, false);

    private HandshakePackets() {
    }

    static CapturedPacket syn(long micros, long seq) {
        return packet(micros, CLIENT, SERVER, CLIENT_PORT, SERVER_PORT, seq, 0, TcpFlags.SYN, SYN_OPTIONS);
    }

    static CapturedPacket synAck(long micros, long ackOf) {
        return packet(micros, SERVER, CLIENT, SERVER_PORT, CLIENT_PORT, 900, ackOf + 1, TcpFlags.SYN | TcpFlags.ACK,
                SYN_ACK_OPTIONS);
    }

    static CapturedPacket rst(long micros, long ackOf) {
        return packet(micros, SERVER, CLIENT, SERVER_PORT, CLIENT_PORT, 0, ackOf + 1, TcpFlags.RST | TcpFlags.ACK,
                TcpOptions.NONE);
    }

    static CapturedPacket packet(long micros, InetAddress src, InetAddress dst, int sport, int dport, long seq,
                                 long ack, int flags, TcpOptions options) {
        IpPacket ip = new IpPacket(4, src, dst, 6, 64, 60, true, true, ByteBuffer.allocate(0));
        TcpSegment tcp = new TcpSegment(sport, dport, seq, ack & 0xFFFFFFFFL, new TcpFlags(flags), 64240, 40, options);
        return new CapturedPacket(micros, new TcpPacket(ip, tcp));
    }

    static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
