package io.pmtuwatch.probe.returnpath;

import io.pmtuwatch.probe.packet.InternetChecksum;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * An ICMP "fragmentation needed" (IPv4, type 3 code 4) or ICMPv6 "packet too big" (type 2) from the
 * agent to the target, quoting the target's own segment towards the agent: the IP header and the
 * TCP header with the sequence number of the first byte we miss. That is what a router in front of
 * a narrow link sends; a target that honours PMTU discovery resends that data in smaller segments
 * (Linux checks that the quoted sequence number is in flight). Complete IP packets with checksums,
 * since they are injected on the link and not built by our kernel. Pure byte work.
 */
final class PacketTooBig {

    private static final int TCP_HEADER = 20;
    private static final int HOP_LIMIT = 64;

    private PacketTooBig() {
    }

    /**
     * @param agent          our address (source of the PTB, destination of the quoted segment)
     * @param target         the target (destination of the PTB, source of the quoted segment)
     * @param quotedLength   IP length of the segment the target sent (too big for the path)
     * @param sequence       its sequence number
     * @param acknowledgment its acknowledgment number (our next sequence number)
     */
    static byte[] build(InetAddress agent, int agentPort, InetAddress target, int targetPort, int mtu,
                        int quotedLength, long sequence, long acknowledgment) {
        boolean v6 = target instanceof Inet6Address;
        byte[] quotedTcp = tcpHeader(targetPort, agentPort, sequence, acknowledgment);
        byte[] quote = v6 ? ipv6Header(target, agent, quotedLength - 40, 6, quotedTcp)
                : ipv4Header(target, agent, quotedLength, 6, true, quotedTcp);
        ByteBuffer icmp = ByteBuffer.allocate(8 + quote.length);
        if (v6) {
            icmp.put((byte) 2).put((byte) 0).putShort((short) 0).putInt(mtu);
        } else {
            icmp.put((byte) 3).put((byte) 4).putShort((short) 0).putShort((short) 0).putShort((short) mtu);
        }
        icmp.put(quote);
        byte[] message = icmp.array();
        int checksum = v6 ? InternetChecksum.of(pseudoHeader(agent, target, message.length), message)
                : InternetChecksum.of(new byte[0], message);
        message[2] = (byte) (checksum >>> 8);
        message[3] = (byte) checksum;
        return v6 ? ipv6Header(agent, target, message.length, 58, message)
                : ipv4Header(agent, target, 20 + message.length, 1, false, message);
    }

    private static byte[] tcpHeader(int sourcePort, int destinationPort, long sequence, long acknowledgment) {
        ByteBuffer b = ByteBuffer.allocate(TCP_HEADER);
        b.putShort((short) sourcePort).putShort((short) destinationPort).putInt((int) sequence)
                .putInt((int) acknowledgment).put((byte) (5 << 4)).put((byte) 0x18).putShort((short) 502)
                .putShort((short) 0).putShort((short) 0);
        return b.array();
    }

    private static byte[] ipv4Header(InetAddress source, InetAddress destination, int totalLength, int protocol,
                                     boolean dontFragment, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(20 + payload.length);
        b.put((byte) 0x45).put((byte) 0).putShort((short) totalLength).putShort((short) 0)
                .putShort((short) (dontFragment ? 0x4000 : 0)).put((byte) HOP_LIMIT).put((byte) protocol)
                .putShort((short) 0).put(source.getAddress()).put(destination.getAddress());
        byte[] header = b.array();
        int checksum = InternetChecksum.of(new byte[0], Arrays.copyOf(header, 20));
        header[10] = (byte) (checksum >>> 8);
        header[11] = (byte) checksum;
        System.arraycopy(payload, 0, header, 20, payload.length);
        return header;
    }

    private static byte[] ipv6Header(InetAddress source, InetAddress destination, int payloadLength, int nextHeader,
                                     byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(40 + payload.length);
        b.putInt(0x6000_0000).putShort((short) payloadLength).put((byte) nextHeader).put((byte) HOP_LIMIT)
                .put(source.getAddress()).put(destination.getAddress()).put(payload);
        return b.array();
    }

    private static byte[] pseudoHeader(InetAddress source, InetAddress destination, int length) {
        return ByteBuffer.allocate(40).put(source.getAddress()).put(destination.getAddress()).putInt(length)
                .putInt(58).array();
    }
}
