package io.pmtuwatch.probe.handshake;

import io.pmtuwatch.linux.LinuxNet;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/** Encodes and decodes Linux sockaddr_in / sockaddr_in6 bytes. Pure. */
final class SocketAddresses {

    static final int SOCKADDR_IN_LENGTH = 16;
    static final int SOCKADDR_IN6_LENGTH = 28;

    private SocketAddresses() {
    }

    static int family(InetAddress address) {
        return address instanceof Inet6Address ? LinuxNet.AF_INET6 : LinuxNet.AF_INET;
    }

    /** sockaddr bytes for {@code address:port}; family and scope id in host order, port and address in network order. */
    static byte[] encode(InetAddress address, int port) {
        boolean v6 = address instanceof Inet6Address;
        ByteBuffer buf = ByteBuffer.allocate(v6 ? SOCKADDR_IN6_LENGTH : SOCKADDR_IN_LENGTH);
        buf.order(ByteOrder.nativeOrder()).putShort((short) family(address));
        buf.order(ByteOrder.BIG_ENDIAN).putShort((short) port);
        if (v6) {
            buf.putInt(0); // flow info
            buf.put(address.getAddress());
            buf.order(ByteOrder.nativeOrder()).putInt(((Inet6Address) address).getScopeId());
        } else {
            buf.put(address.getAddress());
        }
        return buf.array();
    }

    /** The wildcard address of the family of {@code like}, port 0: lets bind() pick an ephemeral port. */
    static byte[] wildcard(InetAddress like) {
        try {
            InetAddress any = like instanceof Inet4Address ? InetAddress.getByAddress(new byte[4])
                    : InetAddress.getByAddress(new byte[16]);
            return encode(any, 0);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    static InetSocketAddress decode(byte[] sockaddr) {
        ByteBuffer buf = ByteBuffer.wrap(sockaddr);
        int family = buf.order(ByteOrder.nativeOrder()).getShort(0);
        int port = buf.order(ByteOrder.BIG_ENDIAN).getShort(2) & 0xFFFF;
        byte[] raw = family == LinuxNet.AF_INET6 ? Arrays.copyOfRange(sockaddr, 8, 24) : Arrays.copyOfRange(sockaddr, 4, 8);
        try {
            return new InetSocketAddress(InetAddress.getByAddress(raw), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bad sockaddr family " + family, e);
        }
    }
}
