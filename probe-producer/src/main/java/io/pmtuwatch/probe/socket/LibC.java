package io.pmtuwatch.probe.socket;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

/** The few libc socket calls the tracer needs; errors surface as {@link LastErrorException} with errno. */
interface LibC extends Library {

    LibC INSTANCE = Native.load("c", LibC.class);

    int socket(int domain, int type, int protocol) throws LastErrorException;

    int bind(int fd, Pointer address, int length) throws LastErrorException;

    int connect(int fd, Pointer address, int length) throws LastErrorException;

    long send(int fd, byte[] buffer, long length, int flags) throws LastErrorException;

    long sendto(int fd, byte[] buffer, long length, int flags, Pointer address, int addressLength)
            throws LastErrorException;

    long recvmsg(int fd, Pointer message, int flags) throws LastErrorException;

    int setsockopt(int fd, int level, int option, IntByReference value, int length) throws LastErrorException;

    int getsockopt(int fd, int level, int option, IntByReference value, IntByReference length)
            throws LastErrorException;

    int getsockname(int fd, Pointer address, IntByReference length) throws LastErrorException;

    int poll(Pointer fds, long count, int timeoutMillis) throws LastErrorException;

    int close(int fd) throws LastErrorException;

    int ioctl(int fd, long request, Pointer argument) throws LastErrorException;
}
