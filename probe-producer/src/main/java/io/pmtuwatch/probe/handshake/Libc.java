package io.pmtuwatch.probe.handshake;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.ptr.IntByReference;

/**
 * The few libc socket calls the handshake needs. Java's Socket hides the file descriptor, and we
 * need it for TCP_INFO / TCP_MAXSEG and to learn the local port before the SYN leaves.
 */
interface Libc extends Library {

    Libc INSTANCE = Native.load("c", Libc.class);

    int AF_INET = 2;
    int AF_INET6 = 10;
    int SOCK_STREAM = 1;
    int SOCK_NONBLOCK = 0x800;
    int SOCK_CLOEXEC = 0x80000;
    int SOL_SOCKET = 1;
    int SO_ERROR = 4;
    int IPPROTO_TCP = 6;
    int TCP_MAXSEG = 2;
    int TCP_INFO = 11;
    short POLLOUT = 0x004;
    int EINTR = 4;
    int ETIMEDOUT = 110;
    int ECONNREFUSED = 111;
    int EINPROGRESS = 115;

    int SOCK_DGRAM = 2;
    long SIOCGIFMTU = 0x8921;
    /** struct ifreq: 16-byte name, then a 24-byte union (ifr_mtu is its first int). */
    int IFREQ_LENGTH = 40;

    int socket(int domain, int type, int protocol) throws LastErrorException;

    int bind(int fd, byte[] address, int length) throws LastErrorException;

    int connect(int fd, byte[] address, int length) throws LastErrorException;

    int getsockname(int fd, byte[] address, IntByReference length) throws LastErrorException;

    int getsockopt(int fd, int level, int name, byte[] value, IntByReference length) throws LastErrorException;

    /** {@code fds} is an array of struct pollfd {int fd; short events; short revents;}, 8 bytes each. */
    int poll(byte[] fds, long count, int timeoutMillis) throws LastErrorException;

    int ioctl(int fd, long request, byte[] ifreq) throws LastErrorException;

    int close(int fd) throws LastErrorException;

    String strerror(int errno);
}
