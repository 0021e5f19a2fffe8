package io.pmtuwatch.probe.handshake;

import com.sun.jna.LastErrorException;
import com.sun.jna.ptr.IntByReference;
import io.pmtuwatch.linux.LibC;
import io.pmtuwatch.linux.LinuxNet;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;

/**
 * A non-blocking TCP socket on a raw file descriptor (libc through JNA). Bound to an ephemeral
 * port before connecting, so a capture filter can name the full 5-tuple before the SYN leaves.
 * Not thread-safe; opened in the network namespace of the calling thread.
 */
final class TcpSocket implements AutoCloseable {

    private static final int POLLFD_LENGTH = 8;

    private final int fd;
    private final InetAddress remote;
    private boolean closed;

    private TcpSocket(int fd, InetAddress remote) {
        this.fd = fd;
        this.remote = remote;
    }

    /** A socket of the family of {@code remote}, bound to the wildcard address and an ephemeral port. */
    static TcpSocket openFor(InetAddress remote) throws IOException {
        int fd;
        try {
            fd = LibC.INSTANCE.socket(SocketAddresses.family(remote),
                    LinuxNet.SOCK_STREAM | LinuxNet.SOCK_NONBLOCK | LinuxNet.SOCK_CLOEXEC, 0);
        } catch (LastErrorException e) {
            throw new IOException("socket(): " + describe(e.getErrorCode()), e);
        }
        TcpSocket socket = new TcpSocket(fd, remote);
        try {
            byte[] any = SocketAddresses.wildcard(remote);
            LibC.INSTANCE.bind(fd, any, any.length);
        } catch (LastErrorException e) {
            socket.close();
            throw new IOException("bind(): " + describe(e.getErrorCode()), e);
        }
        return socket;
    }

    InetSocketAddress localAddress() throws IOException {
        byte[] sockaddr = new byte[SocketAddresses.SOCKADDR_IN6_LENGTH];
        IntByReference length = new IntByReference(sockaddr.length);
        try {
            LibC.INSTANCE.getsockname(fd, sockaddr, length);
        } catch (LastErrorException e) {
            throw new IOException("getsockname(): " + describe(e.getErrorCode()), e);
        }
        return SocketAddresses.decode(sockaddr);
    }

    /** Sends the SYN and waits for the handshake to finish, fail, or time out. */
    ConnectResult connect(int port, Duration timeout) {
        byte[] sockaddr = SocketAddresses.encode(remote, port);
        long start = System.nanoTime();
        try {
            LibC.INSTANCE.connect(fd, sockaddr, sockaddr.length);
            return new ConnectResult(ConnectResult.Status.CONNECTED, 0, System.nanoTime() - start);
        } catch (LastErrorException e) {
            if (e.getErrorCode() != LinuxNet.EINPROGRESS) {
                return classify(e.getErrorCode(), System.nanoTime() - start);
            }
        }
        long deadline = start + timeout.toNanos();
        while (true) {
            long remainingMillis = Math.max(0, (deadline - System.nanoTime() + 999_999) / 1_000_000);
            byte[] pollfd = ByteBuffer.allocate(POLLFD_LENGTH).order(ByteOrder.nativeOrder())
                    .putInt(fd).putShort(LinuxNet.POLLOUT).putShort((short) 0).array();
            int ready;
            try {
                ready = LibC.INSTANCE.poll(pollfd, 1, (int) Math.min(Integer.MAX_VALUE, remainingMillis));
            } catch (LastErrorException e) {
                if (e.getErrorCode() == LinuxNet.EINTR) {
                    continue;
                }
                return new ConnectResult(ConnectResult.Status.ERROR, e.getErrorCode(), System.nanoTime() - start);
            }
            long elapsed = System.nanoTime() - start;
            if (ready == 0) {
                if (System.nanoTime() < deadline) {
                    continue;
                }
                return new ConnectResult(ConnectResult.Status.TIMEOUT, 0, elapsed);
            }
            int error = intOption(LinuxNet.SOL_SOCKET, LinuxNet.SO_ERROR);
            return error == 0 ? new ConnectResult(ConnectResult.Status.CONNECTED, 0, elapsed) : classify(error, elapsed);
        }
    }

    private static ConnectResult classify(int errno, long elapsedNanos) {
        ConnectResult.Status status = switch (errno) {
            case LinuxNet.ECONNREFUSED -> ConnectResult.Status.REFUSED;
            case LinuxNet.ETIMEDOUT -> ConnectResult.Status.TIMEOUT;
            default -> ConnectResult.Status.ERROR;
        };
        return new ConnectResult(status, errno, elapsedNanos);
    }

    /** TCP_INFO of the connected socket. */
    TcpInfo tcpInfo() throws IOException {
        byte[] raw = new byte[TcpInfo.BUFFER_LENGTH];
        IntByReference length = new IntByReference(raw.length);
        try {
            LibC.INSTANCE.getsockopt(fd, LinuxNet.IPPROTO_TCP, LinuxNet.TCP_INFO, raw, length);
        } catch (LastErrorException e) {
            throw new IOException("getsockopt(TCP_INFO): " + describe(e.getErrorCode()), e);
        }
        return TcpInfo.parse(raw, length.getValue());
    }

    /** TCP_MAXSEG: on a connected socket, the current send MSS (the same mss_cache as tcpi_snd_mss). */
    int maxSegment() {
        return intOption(LinuxNet.IPPROTO_TCP, LinuxNet.TCP_MAXSEG);
    }

    private int intOption(int level, int name) {
        byte[] value = new byte[4];
        IntByReference length = new IntByReference(4);
        try {
            LibC.INSTANCE.getsockopt(fd, level, name, value, length);
        } catch (LastErrorException e) {
            return -1;
        }
        return ByteBuffer.wrap(value).order(ByteOrder.nativeOrder()).getInt();
    }

    static String describe(int errno) {
        return LibC.INSTANCE.strerror(errno) + " (errno " + errno + ")";
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                LibC.INSTANCE.close(fd);
            } catch (LastErrorException e) {
                // Nothing to do: the descriptor is gone either way.
            }
        }
    }
}
