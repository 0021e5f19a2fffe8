package io.pmtuwatch.probe.socket;

import io.pmtuwatch.linux.LinuxNet;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * Encodes and decodes {@code sockaddr_in} / {@code sockaddr_in6}: family in host byte order, port
 * and address in network order. Pure byte work, tested on fixtures.
 */
public final class SockAddrs {

    public static final int SOCKADDR_IN_SIZE = 16;
    public static final int SOCKADDR_IN6_SIZE = 28;

    private SockAddrs() {
    }

    public static byte[] encode(InetAddress address, int port) {
        boolean v6 = address instanceof Inet6Address;
        ByteBuffer b = ByteBuffer.allocate(v6 ? SOCKADDR_IN6_SIZE : SOCKADDR_IN_SIZE).order(ByteOrder.nativeOrder());
        b.putShort((short) (v6 ? LinuxNet.AF_INET6 : LinuxNet.AF_INET));
        b.order(ByteOrder.BIG_ENDIAN).putShort((short) port);
        if (v6) {
            b.putInt(0); // flow info
            b.put(address.getAddress());
            b.order(ByteOrder.nativeOrder()).putInt(((Inet6Address) address).getScopeId());
        } else {
            b.put(address.getAddress());
        }
        return b.array();
    }

    /** The address at {@code offset}, or empty when the family is neither INET nor INET6 (e.g. AF_UNSPEC). */
    public static Optional<InetSocketAddress> decode(byte[] bytes, int offset, int length) {
        if (length < 2 || offset + 2 > bytes.length) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(bytes, offset, Math.min(length, bytes.length - offset)).order(ByteOrder.nativeOrder());
        int family = b.getShort() & 0xffff;
        try {
            if (family == LinuxNet.AF_INET && b.remaining() >= 6) {
                int port = b.order(ByteOrder.BIG_ENDIAN).getShort() & 0xffff;
                byte[] a = new byte[4];
                b.get(a);
                return Optional.of(new InetSocketAddress(InetAddress.getByAddress(a), port));
            }
            if (family == LinuxNet.AF_INET6 && b.remaining() >= 22) {
                int port = b.order(ByteOrder.BIG_ENDIAN).getShort() & 0xffff;
                b.getInt();
                byte[] a = new byte[16];
                b.get(a);
                InetAddress address = InetAddress.getByAddress(a);
                if (address instanceof Inet4Address) {
                    // never produced by getByAddress for 16 bytes except v4-mapped; keep as is
                    return Optional.of(new InetSocketAddress(address, port));
                }
                return Optional.of(new InetSocketAddress(address, port));
            }
        } catch (UnknownHostException e) {
            throw new IllegalStateException("unreachable: fixed-size address", e);
        }
        return Optional.empty();
    }
}
