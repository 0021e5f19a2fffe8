package io.pmtuwatch.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

/**
 * The one libc binding of the project: the socket, ioctl and namespace calls the tracer, the
 * handshake, the raw SYN sender and {@link NetNamespace} need. Errors surface as
 * {@link LastErrorException} with errno. Some calls come twice: with a {@link Pointer} (native
 * memory the caller keeps, e.g. a msghdr) and with a {@code byte[]} (a small struct copied in and
 * out); JNA resolves both to the same symbol. Constants live in {@link LinuxNet}.
 */
public interface LibC extends Library {

    LibC INSTANCE = Native.load("c", LibC.class);

    int socket(int domain, int type, int protocol) throws LastErrorException;

    int bind(int fd, Pointer address, int length) throws LastErrorException;

    int bind(int fd, byte[] address, int length) throws LastErrorException;

    int connect(int fd, Pointer address, int length) throws LastErrorException;

    int connect(int fd, byte[] address, int length) throws LastErrorException;

    long send(int fd, byte[] buffer, long length, int flags) throws LastErrorException;

    long sendto(int fd, byte[] buffer, long length, int flags, Pointer address, int addressLength)
            throws LastErrorException;

    long recvmsg(int fd, Pointer message, int flags) throws LastErrorException;

    int setsockopt(int fd, int level, int option, IntByReference value, int length) throws LastErrorException;

    int getsockopt(int fd, int level, int option, IntByReference value, IntByReference length)
            throws LastErrorException;

    int getsockopt(int fd, int level, int option, byte[] value, IntByReference length) throws LastErrorException;

    int getsockname(int fd, Pointer address, IntByReference length) throws LastErrorException;

    int getsockname(int fd, byte[] address, IntByReference length) throws LastErrorException;

    /** {@code fds}: an array of struct pollfd {int fd; short events; short revents;}, 8 bytes each. */
    int poll(Pointer fds, long count, int timeoutMillis) throws LastErrorException;

    /** {@code fds}: an array of struct pollfd {int fd; short events; short revents;}, 8 bytes each. */
    int poll(byte[] fds, long count, int timeoutMillis) throws LastErrorException;

    int ioctl(int fd, long request, Pointer argument) throws LastErrorException;

    int ioctl(int fd, long request, byte[] argument) throws LastErrorException;

    int open(String path, int flags) throws LastErrorException;

    int setns(int fd, int nstype) throws LastErrorException;

    int close(int fd) throws LastErrorException;

    String strerror(int errno);
}
