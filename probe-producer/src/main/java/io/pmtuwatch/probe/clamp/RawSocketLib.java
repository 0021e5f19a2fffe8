package io.pmtuwatch.probe.clamp;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

/** The few libc calls a raw TCP socket needs (socket, setsockopt, sendto, close). */
interface RawSocketLib extends Library {

    RawSocketLib INSTANCE = Native.load("c", RawSocketLib.class);

    int AF_INET = 2;
    int AF_INET6 = 10;
    int SOCK_RAW = 3;
    int IPPROTO_IP = 0;
    int IPPROTO_TCP = 6;
    int IPPROTO_IPV6 = 41;
    int IP_TTL = 2;
    int IPV6_UNICAST_HOPS = 16;

    int socket(int domain, int type, int protocol) throws LastErrorException;

    int setsockopt(int fd, int level, int option, IntByReference value, int length) throws LastErrorException;

    long sendto(int fd, byte[] buffer, long length, int flags, Pointer address, int addressLength)
            throws LastErrorException;

    int close(int fd) throws LastErrorException;
}
