package io.pmtuwatch.probe.clamp;

import io.pmtuwatch.probe.packet.InternetChecksum;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * Builds the TCP SYN of a tracebox probe: MSS, SACK-permitted, window scale (what a Linux client
 * sends, so middleboxes treat it as a real connection attempt), with the checksum over the IPv4 or
 * IPv6 pseudo-header. Pure.
 */
public final class SynSegment {

    private static final int HEADER = 20;
    private static final byte[] OPTIONS_AFTER_MSS = {4, 2, 1, 3, 3, 7}; // SACK-permitted, NOP, wscale 7

    private SynSegment() {
    }

    public static byte[] build(InetAddress source, InetAddress destination, int sourcePort, int destinationPort,
            long sequence, int mss) {
        int length = HEADER + 4 + OPTIONS_AFTER_MSS.length;
        ByteBuffer tcp = ByteBuffer.allocate(length);
        tcp.putShort((short) sourcePort).putShort((short) destinationPort).putInt((int) sequence).putInt(0);
        tcp.put((byte) ((length / 4) << 4)).put((byte) 0x02).putShort((short) 64240).putShort((short) 0)
                .putShort((short) 0);
        tcp.put((byte) 2).put((byte) 4).putShort((short) mss).put(OPTIONS_AFTER_MSS);
        byte[] bytes = tcp.array();
        int checksum = checksum(source, destination, bytes);
        bytes[16] = (byte) (checksum >>> 8);
        bytes[17] = (byte) checksum;
        return bytes;
    }

    /** The Internet checksum (RFC 1071) of the segment with its pseudo-header. */
    static int checksum(InetAddress source, InetAddress destination, byte[] segment) {
        byte[] src = source.getAddress();
        byte[] dst = destination.getAddress();
        ByteBuffer pseudo = ByteBuffer.allocate(src.length * 2 + (destination instanceof Inet6Address ? 8 : 4));
        pseudo.put(src).put(dst);
        if (destination instanceof Inet6Address) {
            pseudo.putInt(segment.length).put(new byte[] {0, 0, 0, 6});
        } else {
            pseudo.put((byte) 0).put((byte) 6).putShort((short) segment.length);
        }
        return InternetChecksum.of(pseudo.array(), segment);
    }
}
