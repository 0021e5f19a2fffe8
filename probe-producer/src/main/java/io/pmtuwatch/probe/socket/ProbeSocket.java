package io.pmtuwatch.probe.socket;

import io.pmtuwatch.linux.LibC;
import io.pmtuwatch.linux.LinuxNet;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * One connected datagram socket towards one target, set up as tracepath does (see
 * {@link KernelSocket}): UDP to a closed port, or ICMP echo through an unprivileged ping socket.
 * Connected, so the 5-tuple is fixed for the run (Paris-style) and the kernel only delivers errors
 * quoting it.
 */
public final class ProbeSocket extends KernelSocket {

    private static final int ICMP_HEADER = 8;

    private ProbeSocket(int fd, ProbeKind kind, boolean v6, InetSocketAddress target) {
        super(fd, kind, v6, target);
    }

    /**
     * Opens a socket towards {@code target}. {@code sourcePort} 0 lets the kernel pick a random
     * ephemeral port. Fails with a {@link SocketException} whose errno tells EACCES (ping sockets
     * not allowed by ping_group_range) from other trouble.
     */
    public static ProbeSocket open(ProbeKind kind, InetAddress target, int port, int sourcePort) throws SocketException {
        if (kind == ProbeKind.TCP_SYN) {
            throw new IllegalArgumentException("TCP probes go through TcpSynSocket");
        }
        boolean v6 = target instanceof Inet6Address;
        int family = v6 ? LinuxNet.AF_INET6 : LinuxNet.AF_INET;
        int protocol = kind == ProbeKind.UDP ? LinuxNet.IPPROTO_UDP : (v6 ? LinuxNet.IPPROTO_ICMPV6 : LinuxNet.IPPROTO_ICMP);
        int fd = socket(family, LinuxNet.SOCK_DGRAM, protocol, kind.toString());
        ProbeSocket socket = new ProbeSocket(fd, kind, v6, new InetSocketAddress(target, kind == ProbeKind.UDP ? port : 0));
        try {
            socket.probeMode();
            if (sourcePort != 0 || kind == ProbeKind.UDP) {
                InetAddress any = InetAddress.getByAddress(new byte[v6 ? 16 : 4]);
                byte[] local = SockAddrs.encode(any, kind == ProbeKind.UDP ? sourcePort : 0);
                call("bind", () -> LibC.INSTANCE.bind(fd, mem(local), local.length));
            }
            socket.connect(target, socket.target().getPort());
        } catch (SocketException e) {
            socket.close();
            throw e;
        } catch (java.net.UnknownHostException e) {
            socket.close();
            throw new IllegalStateException(e);
        }
        return socket;
    }

    /**
     * Sends one probe whose transport payload is {@code payload} (for ICMP echo the 8-byte echo header
     * is added here). Returns 0 or the errno; a pending ICMP error of an earlier probe may fail a send
     * once (the kernel reports it there too), so the caller retries on anything but EMSGSIZE.
     */
    @Override
    public int send(byte[] payload, int sequence) {
        byte[] packet = payload;
        if (kind() == ProbeKind.ICMP_ECHO) {
            packet = new byte[ICMP_HEADER + payload.length];
            packet[0] = (byte) (v6 ? 128 : 8);
            packet[6] = (byte) (sequence >> 8);
            packet[7] = (byte) sequence;
            System.arraycopy(payload, 0, packet, ICMP_HEADER, payload.length);
        }
        return sendPacket(packet);
    }
}
