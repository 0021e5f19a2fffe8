package io.pmtuwatch.probe.capture;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Ethernet frames of one TCP connection and the ICMP errors about it, built byte by byte for capture
 * tests: full-length packets (payload zeros), checksums zero (the decoder does not verify them), DF
 * set on IPv4.
 */
final class WireFrames {

    static final int SYN = 0x02;
    static final int ACK = 0x10;
    static final int PSH_ACK = 0x18;
    static final int SYN_ACK = 0x12;

    private final byte[] client;
    private final byte[] server;
    private final int clientPort;
    private final int serverPort;
    private final boolean v6;

    WireFrames(String client, int clientPort, String server, int serverPort) {
        this.client = address(client);
        this.server = address(server);
        this.clientPort = clientPort;
        this.serverPort = serverPort;
        this.v6 = this.client.length == 16;
    }

    /** A segment from the client ({@code fromClient}) or the server; {@code mss} null for no option. */
    byte[] segment(boolean fromClient, long seq, long ack, int flags, int payload, Integer mss) {
        return ethernet(ip(fromClient ? client : server, fromClient ? server : client, 6,
                tcp(fromClient ? clientPort : serverPort, fromClient ? serverPort : clientPort, seq, ack, flags,
                        payload, mss)));
    }

    /**
     * A frag-needed (ICMPv6 packet-too-big) from {@code router} to the sender of {@code refused} (a
     * frame from {@link #segment}), quoting its IP header and first 8 TCP bytes (IPv6: up to 1280 bytes).
     */
    byte[] packetTooBig(String router, int mtu, byte[] refused) {
        byte[] packet = Arrays.copyOfRange(refused, 14, refused.length);
        byte[] receiver = Arrays.copyOfRange(packet, v6 ? 8 : 12, v6 ? 24 : 16);
        int quoted = v6 ? Math.min(packet.length, 1280 - 48) : (packet[0] & 0x0f) * 4 + 8;
        ByteBuffer icmp = ByteBuffer.allocate(8 + quoted);
        icmp.put((byte) (v6 ? 2 : 3)).put((byte) (v6 ? 0 : 4)).putShort((short) 0);
        if (v6) {
            icmp.putInt(mtu);
        } else {
            icmp.putShort((short) 0).putShort((short) mtu);
        }
        icmp.put(packet, 0, quoted);
        return ethernet(ip(address(router), receiver, v6 ? 58 : 1, icmp.array()));
    }

    private byte[] tcp(int sourcePort, int destinationPort, long seq, long ack, int flags, int payload, Integer mss) {
        int header = mss == null ? 20 : 24;
        ByteBuffer b = ByteBuffer.allocate(header + payload);
        b.putShort((short) sourcePort).putShort((short) destinationPort).putInt((int) seq).putInt((int) ack)
                .put((byte) ((header / 4) << 4)).put((byte) flags).putShort((short) 64240).putInt(0);
        if (mss != null) {
            b.put((byte) 2).put((byte) 4).putShort((short) (int) mss);
        }
        return b.array();
    }

    private byte[] ip(byte[] source, byte[] destination, int protocol, byte[] payload) {
        ByteBuffer b;
        if (v6) {
            b = ByteBuffer.allocate(40 + payload.length);
            b.putInt(0x60000000).putShort((short) payload.length).put((byte) protocol).put((byte) 64);
        } else {
            b = ByteBuffer.allocate(20 + payload.length);
            b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + payload.length)).putShort((short) 1)
                    .putShort((short) 0x4000).put((byte) 64).put((byte) protocol).putShort((short) 0);
        }
        return b.put(source).put(destination).put(payload).array();
    }

    private byte[] ethernet(byte[] packet) {
        ByteBuffer b = ByteBuffer.allocate(14 + packet.length);
        b.put(new byte[] {2, 0, 0, 0, 0, 11, 2, 0, 0, 0, 0, 10}).putShort((short) (v6 ? 0x86dd : 0x0800));
        return b.put(packet).array();
    }

    private static byte[] address(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
