package io.pmtuwatch.probe.packet;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * Builds a TCP SYN as a Linux client sends it (MSS, SACK-permitted, window scale; so middleboxes
 * treat it as a real connection attempt), optionally carrying payload (a padded probe), with the
 * checksum over the IPv4 or IPv6 pseudo-header. Used by the tracebox clamp locator and by TCP
 * probes. Pure.
 */
public final class SynSegment {

    /** Bytes of the TCP header this class writes: 20 + MSS (4) + NOP, NOP, SACK-permitted (4) + NOP, window scale (4). */
    public static final int HEADER_BYTES = 32;
    private static final byte[] OPTIONS_AFTER_MSS = {1, 1, 4, 2, 1, 3, 3, 7};
    private static final byte[] NO_PAYLOAD = new byte[0];

    private SynSegment() {
    }

    public static byte[] build(InetAddress source, InetAddress destination, int sourcePort, int destinationPort,
            long sequence, int mss) {
        return build(source, destination, sourcePort, destinationPort, sequence, mss, NO_PAYLOAD);
    }

    /** A SYN carrying {@code payload} after its header (a probe padded to its size). */
    public static byte[] build(InetAddress source, InetAddress destination, int sourcePort, int destinationPort,
            long sequence, int mss, byte[] payload) {
        ByteBuffer tcp = ByteBuffer.allocate(HEADER_BYTES + payload.length);
        tcp.putShort((short) sourcePort).putShort((short) destinationPort).putInt((int) sequence).putInt(0);
        tcp.put((byte) ((HEADER_BYTES / 4) << 4)).put((byte) 0x02).putShort((short) 64240).putShort((short) 0)
                .putShort((short) 0);
        tcp.put((byte) 2).put((byte) 4).putShort((short) mss).put(OPTIONS_AFTER_MSS).put(payload);
        byte[] bytes = tcp.array();
        int checksum = checksum(source, destination, bytes);
        bytes[16] = (byte) (checksum >>> 8);
        bytes[17] = (byte) checksum;
        return bytes;
    }

    /** The Internet checksum (RFC 1071) of the segment with its pseudo-header; 0 when the segment's own is right. */
    public static int checksum(InetAddress source, InetAddress destination, byte[] segment) {
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
