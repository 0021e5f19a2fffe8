package io.pmtuwatch.probe.socket;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.ptr.IntByReference;
import io.pmtuwatch.linux.LibC;
import io.pmtuwatch.linux.LinuxNet;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One connected datagram socket towards one target, set up as tracepath does: path MTU discovery
 * in PROBE mode (DF set, sizes not limited by the kernel's PMTU cache), IP_RECVERR so every ICMP
 * error lands on the error queue with its offender and quote, TTL/hop limit set per probe.
 * Connected, so the 5-tuple is fixed for the run (Paris-style) and the kernel only delivers errors
 * quoting it. Not thread-safe; one per run. Everything happens in the calling thread's namespace.
 */
public final class ProbeSocket implements ProbeTransport {

    private static final int MSGHDR_SIZE = 56;
    private static final int NAME_SIZE = 128;
    private static final int DATA_SIZE = 2048;
    private static final int CONTROL_SIZE = 512;
    private static final int ICMP_HEADER = 8;

    private final LibC libc = LibC.INSTANCE;
    private final int fd;
    private final ProbeKind kind;
    private final boolean v6;
    private final InetSocketAddress target;
    private final Memory msg = new Memory(MSGHDR_SIZE);
    private final Memory name = new Memory(NAME_SIZE);
    private final Memory iov = new Memory(16);
    private final Memory data = new Memory(DATA_SIZE);
    private final Memory control = new Memory(CONTROL_SIZE);
    private final Memory pollfd = new Memory(8);
    private int currentTtl = -1;
    private boolean closed;

    private ProbeSocket(int fd, ProbeKind kind, boolean v6, InetSocketAddress target) {
        this.fd = fd;
        this.kind = kind;
        this.v6 = v6;
        this.target = target;
    }

    /**
     * Opens a socket towards {@code target}. {@code sourcePort} 0 lets the kernel pick a random
     * ephemeral port. Fails with a {@link SocketException} whose errno tells EACCES (ping sockets
     * not allowed by ping_group_range) from other trouble.
     */
    public static ProbeSocket open(ProbeKind kind, InetAddress target, int port, int sourcePort) throws SocketException {
        boolean v6 = target instanceof Inet6Address;
        int family = v6 ? LinuxNet.AF_INET6 : LinuxNet.AF_INET;
        int protocol = kind == ProbeKind.UDP ? LinuxNet.IPPROTO_UDP : (v6 ? LinuxNet.IPPROTO_ICMPV6 : LinuxNet.IPPROTO_ICMP);
        int fd;
        try {
            fd = LibC.INSTANCE.socket(family, LinuxNet.SOCK_DGRAM, protocol);
        } catch (LastErrorException e) {
            throw new SocketException("cannot open " + kind + " socket", e.getErrorCode());
        }
        ProbeSocket socket = new ProbeSocket(fd, kind, v6, new InetSocketAddress(target, kind == ProbeKind.UDP ? port : 0));
        try {
            if (v6) {
                socket.setInt(LinuxNet.SOL_IPV6, LinuxNet.IPV6_MTU_DISCOVER, LinuxNet.IPV6_PMTUDISC_PROBE);
                socket.setInt(LinuxNet.SOL_IPV6, LinuxNet.IPV6_RECVERR, 1);
            } else {
                socket.setInt(LinuxNet.SOL_IP, LinuxNet.IP_MTU_DISCOVER, LinuxNet.IP_PMTUDISC_PROBE);
                socket.setInt(LinuxNet.SOL_IP, LinuxNet.IP_RECVERR, 1);
            }
            if (sourcePort != 0 || kind == ProbeKind.UDP) {
                InetAddress any = InetAddress.getByAddress(new byte[v6 ? 16 : 4]);
                byte[] local = SockAddrs.encode(any, kind == ProbeKind.UDP ? sourcePort : 0);
                socket.call("bind", () -> LibC.INSTANCE.bind(fd, mem(local), local.length));
            }
            byte[] remote = SockAddrs.encode(target, socket.target.getPort());
            socket.call("connect", () -> LibC.INSTANCE.connect(fd, mem(remote), remote.length));
        } catch (SocketException e) {
            socket.close();
            throw e;
        } catch (java.net.UnknownHostException e) {
            socket.close();
            throw new IllegalStateException(e);
        }
        return socket;
    }

    @Override
    public ProbeKind kind() {
        return kind;
    }

    @Override
    public InetSocketAddress target() {
        return target;
    }

    @Override
    public boolean ipv6() {
        return v6;
    }

    @Override
    public void setTtl(int ttl) throws SocketException {
        if (ttl != currentTtl) {
            if (v6) {
                setInt(LinuxNet.SOL_IPV6, LinuxNet.IPV6_UNICAST_HOPS, ttl);
            } else {
                setInt(LinuxNet.SOL_IP, LinuxNet.IP_TTL, ttl);
            }
            currentTtl = ttl;
        }
    }

    /** Local address and port the kernel chose (the fixed source of every probe of the run). */
    @Override
    public InetSocketAddress localAddress() throws SocketException {
        Memory buf = new Memory(NAME_SIZE);
        IntByReference len = new IntByReference(NAME_SIZE);
        call("getsockname", () -> libc.getsockname(fd, buf, len));
        return SockAddrs.decode(buf.getByteArray(0, len.getValue()), 0, len.getValue())
                .orElseThrow(() -> new SocketException("getsockname: unknown family", 0));
    }

    /**
     * MTU of the outgoing interface, the size a first probe can have. Read from the interface that
     * holds our source address; the socket's IP_MTU is the fallback, but it reflects the kernel's PMTU
     * cache (lowered by earlier runs), which must not decide where a trace starts.
     */
    @Override
    public int localMtu() throws SocketException {
        InetAddress source = localAddress().getAddress();
        return InterfaceMtu.of(source).orElseGet(() -> routeMtu().orElse(v6 ? 1280 : 576));
    }

    /** The kernel's path MTU for the connected route (IP_MTU / IPV6_MTU). */
    public OptionalInt routeMtu() {
        IntByReference value = new IntByReference();
        IntByReference len = new IntByReference(4);
        try {
            libc.getsockopt(fd, v6 ? LinuxNet.SOL_IPV6 : LinuxNet.SOL_IP, v6 ? LinuxNet.IPV6_MTU : LinuxNet.IP_MTU,
                    value, len);
            return OptionalInt.of(value.getValue());
        } catch (LastErrorException e) {
            return OptionalInt.empty();
        }
    }

    /**
     * Sends one probe whose transport payload is {@code payload} (for ICMP echo the 8-byte echo header
     * is added here). Returns 0 or the errno; a pending ICMP error of an earlier probe may fail a send
     * once (the kernel reports it there too), so the caller retries on anything but EMSGSIZE.
     */
    @Override
    public int send(byte[] payload, int sequence) {
        byte[] packet = payload;
        if (kind == ProbeKind.ICMP_ECHO) {
            packet = new byte[ICMP_HEADER + payload.length];
            packet[0] = (byte) (v6 ? 128 : 8);
            packet[6] = (byte) (sequence >> 8);
            packet[7] = (byte) sequence;
            System.arraycopy(payload, 0, packet, ICMP_HEADER, payload.length);
        }
        try {
            libc.send(fd, packet, packet.length, 0);
            return 0;
        } catch (LastErrorException e) {
            return e.getErrorCode();
        }
    }

    /** Waits up to {@code timeoutMillis} for something to read, then reads everything queued. */
    @Override
    public List<SocketEvent> poll(int timeoutMillis) throws SocketException {
        pollfd.setInt(0, fd);
        pollfd.setShort(4, LinuxNet.POLLIN);
        pollfd.setShort(6, (short) 0);
        int ready;
        try {
            ready = libc.poll(pollfd, 1, Math.max(0, timeoutMillis));
        } catch (LastErrorException e) {
            if (e.getErrorCode() == 4) { // EINTR
                return List.of();
            }
            throw new SocketException("poll", e.getErrorCode());
        }
        if (ready <= 0) {
            return List.of();
        }
        return drain();
    }

    /** Reads all queued errors and datagrams without waiting. */
    @Override
    public List<SocketEvent> drain() {
        List<SocketEvent> events = new ArrayList<>();
        while (true) {
            Optional<SocketEvent> e = read(LinuxNet.MSG_ERRQUEUE | LinuxNet.MSG_DONTWAIT);
            if (e.isEmpty()) {
                break;
            }
            events.add(e.get());
        }
        while (true) {
            Optional<SocketEvent> e = read(LinuxNet.MSG_DONTWAIT);
            if (e.isEmpty()) {
                break;
            }
            events.add(e.get());
        }
        return events;
    }

    private Optional<SocketEvent> read(int flags) {
        msg.clear();
        msg.setPointer(0, name);
        msg.setInt(8, NAME_SIZE);
        iov.setPointer(0, data);
        iov.setLong(8, DATA_SIZE);
        msg.setPointer(16, iov);
        msg.setLong(24, 1);
        msg.setPointer(32, control);
        msg.setLong(40, CONTROL_SIZE);
        long n;
        try {
            n = libc.recvmsg(fd, msg, flags);
        } catch (LastErrorException e) {
            // EAGAIN: nothing queued. Any other errno on a normal read is a pending ICMP error that the
            // error queue reports in full; nothing more to read now.
            return Optional.empty();
        }
        long now = System.nanoTime();
        int length = (int) Math.min(n, DATA_SIZE);
        byte[] payload = data.getByteArray(0, Math.max(0, length));
        int nameLen = msg.getInt(8);
        Optional<InetSocketAddress> from = nameLen > 0
                ? SockAddrs.decode(name.getByteArray(0, Math.min(nameLen, NAME_SIZE)), 0, nameLen)
                : Optional.empty();
        if ((flags & LinuxNet.MSG_ERRQUEUE) != 0) {
            int controlLen = (int) Math.min(msg.getLong(40), CONTROL_SIZE);
            List<ControlMessage> cmsgs = ControlMessages.parse(control.getByteArray(0, controlLen), controlLen);
            Optional<ExtendedError> error = ExtendedErrors.find(cmsgs);
            if (error.isEmpty()) {
                return Optional.of(new Datagram(from, payload, now)); // not expected; surfaces as unmatched
            }
            return Optional.of(new QueuedError(error.get(), from, payload, now));
        }
        return Optional.of(new Datagram(from, payload, now));
    }

    private void setInt(int level, int option, int value) throws SocketException {
        call("setsockopt " + level + "/" + option,
                () -> libc.setsockopt(fd, level, option, new IntByReference(value), 4));
    }

    private interface Call {
        int run() throws LastErrorException;
    }

    private void call(String what, Call call) throws SocketException {
        try {
            call.run();
        } catch (LastErrorException e) {
            throw new SocketException(what, e.getErrorCode());
        }
    }

    private static Memory mem(byte[] bytes) {
        Memory m = new Memory(bytes.length);
        m.write(0, bytes, 0, bytes.length);
        return m;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                libc.close(fd);
            } catch (LastErrorException e) {
                // nothing to do
            }
        }
    }

    @Override
    public String toString() {
        return kind + " socket to " + target + (v6 ? " (IPv6)" : "") + " fd " + fd;
    }
}
