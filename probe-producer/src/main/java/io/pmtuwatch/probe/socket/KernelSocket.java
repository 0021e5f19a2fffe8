package io.pmtuwatch.probe.socket;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.ptr.IntByReference;
import io.pmtuwatch.linux.LibC;
import io.pmtuwatch.linux.LinuxNet;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What every kernel probe socket shares, whatever it sends: path MTU discovery in PROBE mode (DF
 * set, sizes not limited by the kernel's PMTU cache), IP_RECVERR so every ICMP error quoting our
 * packets lands on the error queue with its offender and quote, TTL / hop limit per probe, and the
 * reads (error queue first, then ordinary packets). Subclasses decide the socket type and what one
 * probe looks like on the wire. Not thread-safe; one per run, in the calling thread's namespace.
 */
abstract class KernelSocket implements ProbeTransport {

    private static final int MSGHDR_SIZE = 56;
    private static final int NAME_SIZE = 128;
    private static final int DATA_SIZE = 2048;
    private static final int CONTROL_SIZE = 512;

    protected final LibC libc = LibC.INSTANCE;
    protected final int fd;
    protected final boolean v6;
    private final ProbeKind kind;
    private final InetSocketAddress target;
    private final Memory msg = new Memory(MSGHDR_SIZE);
    private final Memory name = new Memory(NAME_SIZE);
    private final Memory iov = new Memory(16);
    private final Memory data = new Memory(DATA_SIZE);
    private final Memory control = new Memory(CONTROL_SIZE);
    private final Memory pollfd = new Memory(8);
    private int currentTtl = -1;
    private boolean closed;

    protected KernelSocket(int fd, ProbeKind kind, boolean v6, InetSocketAddress target) {
        this.fd = fd;
        this.kind = kind;
        this.v6 = v6;
        this.target = target;
    }

    /** Opens a socket or says why not (the errno tells EPERM / EACCES from other trouble). */
    protected static int socket(int family, int type, int protocol, String what) throws SocketException {
        try {
            return LibC.INSTANCE.socket(family, type, protocol);
        } catch (LastErrorException e) {
            throw new SocketException("cannot open " + what + " socket", e.getErrorCode());
        }
    }

    /** DF in PROBE mode and the error queue: what every probe socket needs before it sends. */
    protected void probeMode() throws SocketException {
        if (v6) {
            setInt(LinuxNet.SOL_IPV6, LinuxNet.IPV6_MTU_DISCOVER, LinuxNet.IPV6_PMTUDISC_PROBE);
            setInt(LinuxNet.SOL_IPV6, LinuxNet.IPV6_RECVERR, 1);
        } else {
            setInt(LinuxNet.SOL_IP, LinuxNet.IP_MTU_DISCOVER, LinuxNet.IP_PMTUDISC_PROBE);
            setInt(LinuxNet.SOL_IP, LinuxNet.IP_RECVERR, 1);
        }
    }

    /** connect(2) to {@code address}: fixes the peer, and the kernel then only delivers what concerns it. */
    protected void connect(InetAddress address, int port) throws SocketException {
        byte[] remote = SockAddrs.encode(address, port);
        call("connect", () -> libc.connect(fd, mem(remote), remote.length));
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

    /** Local address and port of the socket (the fixed source of every probe of the run). */
    @Override
    public InetSocketAddress localAddress() throws SocketException {
        return boundAddress(fd);
    }

    protected InetSocketAddress boundAddress(int socket) throws SocketException {
        Memory buf = new Memory(NAME_SIZE);
        IntByReference len = new IntByReference(NAME_SIZE);
        call("getsockname", () -> libc.getsockname(socket, buf, len));
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

    /** send(2) of one packet; 0 or the errno. */
    protected int sendPacket(byte[] packet) {
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
            if (e.getErrorCode() == LinuxNet.EINTR) {
                return List.of();
            }
            throw new SocketException("poll", e.getErrorCode());
        }
        if (ready <= 0) {
            return List.of();
        }
        return drain();
    }

    /** Reads all queued errors and packets without waiting. */
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

    /** What an ordinary read delivered, as the tracer should see it (raw IPv4 sockets strip the IP header here). */
    protected byte[] received(byte[] packet) {
        return packet;
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
        return Optional.of(new Datagram(from, received(payload), now));
    }

    protected void setInt(int level, int option, int value) throws SocketException {
        call("setsockopt " + level + "/" + option,
                () -> libc.setsockopt(fd, level, option, new IntByReference(value), 4));
    }

    protected interface Call {
        int run() throws LastErrorException;
    }

    protected static void call(String what, Call call) throws SocketException {
        try {
            call.run();
        } catch (LastErrorException e) {
            throw new SocketException(what, e.getErrorCode());
        }
    }

    protected static Memory mem(byte[] bytes) {
        Memory m = new Memory(bytes.length);
        m.write(0, bytes, 0, bytes.length);
        return m;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            closeQuietly(fd);
        }
    }

    protected void closeQuietly(int socket) {
        try {
            libc.close(socket);
        } catch (LastErrorException e) {
            // nothing to do
        }
    }

    @Override
    public String toString() {
        return kind + " socket to " + target + (v6 ? " (IPv6)" : "") + " fd " + fd;
    }
}
