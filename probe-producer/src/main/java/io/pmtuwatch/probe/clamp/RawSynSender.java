package io.pmtuwatch.probe.clamp;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.ptr.IntByReference;
import io.pmtuwatch.linux.LibC;
import io.pmtuwatch.linux.LinuxNet;
import io.pmtuwatch.probe.socket.SockAddrs;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Sends hand-built TCP SYNs with a chosen TTL / hop limit through a raw socket (the kernel adds the
 * IP header, we give the TCP header and its checksum). Needs CAP_NET_RAW. Lives in the network
 * namespace of the opening thread.
 */
final class RawSynSender implements AutoCloseable {

    private final LibC libc = LibC.INSTANCE;
    private final int fd;
    private final boolean ipv6;
    private final Memory address;

    RawSynSender(InetAddress destination) throws IOException {
        this.ipv6 = destination instanceof Inet6Address;
        try {
            fd = libc.socket(ipv6 ? LinuxNet.AF_INET6 : LinuxNet.AF_INET, LinuxNet.SOCK_RAW,
                    LinuxNet.IPPROTO_TCP);
        } catch (LastErrorException e) {
            throw new IOException("raw socket: errno " + e.getErrorCode() + " (needs root or CAP_NET_RAW)", e);
        }
        // Raw IPv6 sockets reject a non-zero port; IPv4 ignores it.
        byte[] sockaddr = SockAddrs.encode(destination, 0);
        address = new Memory(sockaddr.length);
        address.write(0, sockaddr, 0, sockaddr.length);
    }

    void send(byte[] segment, int ttl) throws IOException {
        try {
            if (ipv6) {
                libc.setsockopt(fd, LinuxNet.IPPROTO_IPV6, LinuxNet.IPV6_UNICAST_HOPS, new IntByReference(ttl), 4);
            } else {
                libc.setsockopt(fd, LinuxNet.IPPROTO_IP, LinuxNet.IP_TTL, new IntByReference(ttl), 4);
            }
            libc.sendto(fd, segment, segment.length, 0, address, (int) address.size());
        } catch (LastErrorException e) {
            throw new IOException("sending the TTL " + ttl + " SYN: errno " + e.getErrorCode(), e);
        }
    }

    @Override
    public void close() {
        libc.close(fd);
    }
}
