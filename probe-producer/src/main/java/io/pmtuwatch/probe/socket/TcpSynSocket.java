package io.pmtuwatch.probe.socket;

import io.pmtuwatch.linux.LibC;
import io.pmtuwatch.linux.LinuxNet;
import io.pmtuwatch.probe.packet.SynSegment;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * TCP probes: DF SYNs padded with payload to the probe size, sent to the target's port from a raw
 * TCP socket (the kernel adds the IP header; we write the TCP header and its checksum), from one
 * fixed source port per socket (Paris-style). Needs CAP_NET_RAW.
 *
 * <p>Answers come in on the same socket. ICMP errors quoting our SYNs (time exceeded, frag-needed,
 * packet-too-big) land on its error queue through IP_RECVERR / IPV6_RECVERR, exactly as for the UDP
 * socket: the kernel hands an ICMP error to every raw socket of the quoted protocol connected to the
 * quoted destination, with offender, type, code and the next-hop MTU decoded, so one answer path
 * serves UDP and TCP (a separate raw ICMP socket would see every ICMP message of the host and need
 * its own quote parsing). The target's SYN-ACK or RST arrives as an ordinary read (a raw socket gets a
 * copy of every TCP segment from its peer; IPv4 with the IP header, stripped here).
 *
 * <p>No socket of ours is in the kernel's TCP tables for the port, so our kernel answers the target's
 * SYN-ACK with a RST itself and the target drops its half-open connection at once. A bound (never
 * listening or connected) TCP socket holds the source port meanwhile, so no local connection picks it.
 */
public final class TcpSynSocket extends KernelSocket {

    /** What to do when raw sockets are not allowed; part of every such error. */
    public static final String NEEDS_CAP_NET_RAW = "TCP probes need a raw socket: run as root or give the JVM"
            + " CAP_NET_RAW (setcap cap_net_raw+ep on the java binary)";

    private final InetAddress source;
    private final int sourcePort;
    private final int reservation;
    private final int mss;

    private TcpSynSocket(int fd, boolean v6, InetSocketAddress target, InetAddress source, int sourcePort,
            int reservation, int mss) {
        super(fd, ProbeKind.TCP_SYN, v6, target);
        this.source = source;
        this.sourcePort = sourcePort;
        this.reservation = reservation;
        this.mss = mss;
    }

    /**
     * A raw TCP socket towards {@code target}'s {@code port}, sending from {@code sourcePort} (0: a
     * free port the kernel picks). EPERM / EACCES come back with {@link #NEEDS_CAP_NET_RAW}; a
     * source port in use with errno EADDRINUSE.
     */
    public static TcpSynSocket open(InetAddress target, int port, int sourcePort) throws SocketException {
        boolean v6 = target instanceof Inet6Address;
        int family = v6 ? LinuxNet.AF_INET6 : LinuxNet.AF_INET;
        int fd;
        try {
            fd = socket(family, LinuxNet.SOCK_RAW, LinuxNet.IPPROTO_TCP, "raw TCP");
        } catch (SocketException e) {
            throw e.notPermitted() ? new SocketException(NEEDS_CAP_NET_RAW, e.errno()) : e;
        }
        int reservation = -1;
        try {
            reservation = socket(family, LinuxNet.SOCK_STREAM, LinuxNet.IPPROTO_TCP, "TCP");
            byte[] local = SockAddrs.encode(InetAddress.getByAddress(new byte[v6 ? 16 : 4]), sourcePort);
            int r = reservation;
            call("bind TCP source port " + sourcePort, () -> LibC.INSTANCE.bind(r, mem(local), local.length));
        } catch (SocketException e) {
            closeBoth(fd, reservation);
            throw e;
        } catch (UnknownHostException e) {
            closeBoth(fd, reservation);
            throw new IllegalStateException("unreachable: fixed-size wildcard address", e);
        }
        // Raw sockets have no port: the peer is the address alone.
        TcpSynSocket probe = new TcpSynSocket(fd, v6, new InetSocketAddress(target, port), null, 0, reservation, 0);
        try {
            probe.probeMode();
            if (v6) {
                probe.setInt(LinuxNet.SOL_IPV6, LinuxNet.IPV6_DONTFRAG, 1);
            }
            probe.connect(target, 0);
            InetAddress source = probe.boundAddress(fd).getAddress();
            int boundPort = probe.boundAddress(reservation).getPort();
            int mtu = InterfaceMtu.of(source).orElse(v6 ? 1280 : 576);
            return new TcpSynSocket(fd, v6, probe.target(), source, boundPort, reservation,
                    Math.min(65_535, mtu) - (v6 ? 60 : 40));
        } catch (SocketException e) {
            closeBoth(fd, reservation);
            throw e;
        }
    }

    private static void closeBoth(int fd, int reservation) {
        LibC.INSTANCE.close(fd);
        if (reservation >= 0) {
            LibC.INSTANCE.close(reservation);
        }
    }

    @Override
    public InetSocketAddress localAddress() {
        return new InetSocketAddress(source, sourcePort);
    }

    /**
     * Sends one SYN carrying {@code payload} (which starts with the probe id; the id also goes into the
     * sequence number, see {@link TcpProbeIds}). Returns 0 or the errno (EMSGSIZE above the interface).
     */
    @Override
    public int send(byte[] payload, int sequence) {
        InetSocketAddress to = target();
        return sendSegment(SynSegment.build(source, to.getAddress(), sourcePort, to.getPort(),
                TcpProbeIds.sequenceNumber(payload), mss, payload));
    }

    /** Sends a TCP segment built by the caller (its checksum over {@link #localAddress()}'s address). */
    public int sendSegment(byte[] segment) {
        return sendPacket(segment);
    }

    /** Raw IPv4 reads start with the IP header; the tracer wants the TCP segment, as IPv6 reads give it. */
    @Override
    protected byte[] received(byte[] packet) {
        if (v6 || packet.length < 20) {
            return packet;
        }
        int headerLength = (packet[0] & 0x0F) * 4;
        return java.util.Arrays.copyOfRange(packet, Math.min(headerLength, packet.length), packet.length);
    }

    @Override
    public void close() {
        super.close();
        closeQuietly(reservation);
    }
}
