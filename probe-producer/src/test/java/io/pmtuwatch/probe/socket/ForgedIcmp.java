package io.pmtuwatch.probe.socket;

import io.pmtuwatch.linux.LibC;
import io.pmtuwatch.linux.LinuxNet;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * Builds forged ICMP errors quoting a UDP probe (test helper; we write the bytes ourselves rather
 * than depend on a packet-crafting tool). IPv4: a whole IP packet for an IPPROTO_RAW socket (the
 * kernel fills in the IP checksum). IPv6: the ICMPv6 message for a raw ICMPv6 socket (the kernel
 * computes the ICMPv6 checksum).
 */
public final class ForgedIcmp {

    private ForgedIcmp() {
    }

    /** IPv4 packet from {@code from} to {@code to}: frag-needed with {@code mtu}, quoting the probe. */
    public static byte[] fragNeeded(InetAddress from, InetAddress to, InetAddress probeSrc, InetAddress probeDst,
            int sport, int dport, int probeSize, byte[] payloadStart, int mtu) {
        byte[] quoted = quotedIpv4(probeSrc, probeDst, sport, dport, probeSize, payloadStart);
        ByteBuffer icmp = ByteBuffer.allocate(8 + quoted.length);
        icmp.put((byte) 3).put((byte) 4).putShort((short) 0).putShort((short) 0).putShort((short) mtu).put(quoted);
        byte[] icmpBytes = icmp.array();
        short sum = checksum(icmpBytes);
        icmpBytes[2] = (byte) (sum >> 8);
        icmpBytes[3] = (byte) sum;
        ByteBuffer ip = ByteBuffer.allocate(20 + icmpBytes.length);
        ip.put((byte) 0x45).put((byte) 0).putShort((short) (20 + icmpBytes.length)).putShort((short) 0)
                .putShort((short) 0).put((byte) 64).put((byte) 1).putShort((short) 0)
                .put(from.getAddress()).put(to.getAddress()).put(icmpBytes);
        return ip.array();
    }

    /** ICMPv6 packet too big with {@code mtu}, quoting the probe (checksum left to the kernel). */
    public static byte[] packetTooBig(InetAddress probeSrc, InetAddress probeDst, int sport, int dport, int probeSize,
            byte[] payloadStart, int mtu) {
        ByteBuffer quoted = ByteBuffer.allocate(40 + 8 + payloadStart.length);
        quoted.putInt(0x60000000).putShort((short) (probeSize - 40)).put((byte) 17).put((byte) 1)
                .put(probeSrc.getAddress()).put(probeDst.getAddress())
                .putShort((short) sport).putShort((short) dport).putShort((short) (probeSize - 40)).putShort((short) 0)
                .put(payloadStart);
        ByteBuffer icmp = ByteBuffer.allocate(8 + quoted.capacity());
        icmp.put((byte) 2).put((byte) 0).putShort((short) 0).putInt(mtu).put(quoted.array());
        return icmp.array();
    }

    private static byte[] quotedIpv4(InetAddress src, InetAddress dst, int sport, int dport, int size, byte[] payload) {
        ByteBuffer q = ByteBuffer.allocate(20 + 8 + payload.length);
        q.put((byte) 0x45).put((byte) 0).putShort((short) size).putShort((short) 1).putShort((short) 0x4000)
                .put((byte) 1).put((byte) 17).putShort((short) 0).put(src.getAddress()).put(dst.getAddress())
                .putShort((short) sport).putShort((short) dport).putShort((short) (size - 20)).putShort((short) 0)
                .put(payload);
        byte[] bytes = q.array();
        short sum = checksum(java.util.Arrays.copyOf(bytes, 20));
        bytes[10] = (byte) (sum >> 8);
        bytes[11] = (byte) sum;
        return bytes;
    }

    static short checksum(byte[] data) {
        long sum = 0;
        for (int i = 0; i + 1 < data.length; i += 2) {
            sum += ((data[i] & 0xff) << 8) | (data[i + 1] & 0xff);
        }
        if (data.length % 2 == 1) {
            sum += (data[data.length - 1] & 0xff) << 8;
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (short) ~sum;
    }

    /** Sends forged packets from the calling thread's namespace through a raw socket (root). */
    public static final class Sender implements AutoCloseable {
        private final int fd;
        private final boolean v6;

        public Sender(boolean v6) throws SocketException {
            this.v6 = v6;
            try {
                fd = v6 ? LibC.INSTANCE.socket(LinuxNet.AF_INET6, LinuxNet.SOCK_RAW, LinuxNet.IPPROTO_ICMPV6)
                        : LibC.INSTANCE.socket(LinuxNet.AF_INET, LinuxNet.SOCK_RAW, LinuxNet.IPPROTO_RAW);
            } catch (com.sun.jna.LastErrorException e) {
                throw new SocketException("raw socket", e.getErrorCode());
            }
        }

        public void send(byte[] packet, InetAddress to) {
            byte[] addr = SockAddrs.encode(to, 0);
            com.sun.jna.Memory m = new com.sun.jna.Memory(addr.length);
            m.write(0, addr, 0, addr.length);
            try {
                LibC.INSTANCE.sendto(fd, packet, packet.length, 0, m, addr.length);
            } catch (com.sun.jna.LastErrorException e) {
                // keep blasting; a failed send only means fewer forged packets
            }
        }

        @Override
        public void close() {
            LibC.INSTANCE.close(fd);
        }
    }

    static boolean isV6(InetAddress a) {
        return a instanceof Inet6Address;
    }
}
