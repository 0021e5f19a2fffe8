package io.pmtuwatch.linux;

/** Linux constants for {@link LibC} (x86_64 / aarch64 values; both use the generic ABI for these). */
public final class LinuxNet {

    public static final int AF_UNSPEC = 0;
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;
    public static final int SOCK_STREAM = 1;
    public static final int SOCK_DGRAM = 2;
    public static final int SOCK_RAW = 3;
    public static final int SOCK_NONBLOCK = 0x800;
    public static final int SOCK_CLOEXEC = 0x80000;
    public static final int IPPROTO_IP = 0;
    public static final int IPPROTO_ICMP = 1;
    public static final int IPPROTO_TCP = 6;
    public static final int IPPROTO_UDP = 17;
    public static final int IPPROTO_IPV6 = 41;
    public static final int IPPROTO_RAW = 255;
    public static final int IPPROTO_ICMPV6 = 58;

    public static final int SOL_SOCKET = 1;
    public static final int SO_ERROR = 4;

    public static final int TCP_MAXSEG = 2;
    public static final int TCP_INFO = 11;

    public static final int SOL_IP = 0;
    public static final int IP_TTL = 2;
    public static final int IP_HDRINCL = 3;
    public static final int IP_MTU_DISCOVER = 10;
    public static final int IP_RECVERR = 11;
    public static final int IP_MTU = 14;
    public static final int IP_PMTUDISC_PROBE = 3;

    public static final int SOL_IPV6 = 41;
    public static final int IPV6_UNICAST_HOPS = 16;
    public static final int IPV6_MTU_DISCOVER = 23;
    public static final int IPV6_MTU = 24;
    public static final int IPV6_RECVERR = 25;
    public static final int IPV6_PMTUDISC_PROBE = 3;
    public static final int IPV6_DONTFRAG = 62;

    public static final int MSG_DONTWAIT = 0x40;
    public static final int MSG_TRUNC = 0x20;
    public static final int MSG_ERRQUEUE = 0x2000;

    public static final short POLLIN = 0x1;
    public static final short POLLOUT = 0x4;
    public static final short POLLERR = 0x8;

    public static final int EPERM = 1;
    public static final int EINTR = 4;
    public static final int EAGAIN = 11;
    public static final int EACCES = 13;
    public static final int EMSGSIZE = 90;
    public static final int EADDRINUSE = 98;
    public static final int EPROTONOSUPPORT = 93;
    public static final int ETIMEDOUT = 110;
    public static final int ECONNREFUSED = 111;
    public static final int EINPROGRESS = 115;

    /** ioctl: an interface's MTU; struct ifreq is a 16-byte name, then a 24-byte union (ifr_mtu first). */
    public static final long SIOCGIFMTU = 0x8921;
    public static final int IFNAMSIZ = 16;
    public static final int IFREQ_LENGTH = 40;

    /** open(2) and setns(2). */
    public static final int O_RDONLY = 0;
    public static final int CLONE_NEWNET = 0x40000000;

    /** sock_extended_err.ee_origin values. */
    public static final int SO_EE_ORIGIN_LOCAL = 1;
    public static final int SO_EE_ORIGIN_ICMP = 2;
    public static final int SO_EE_ORIGIN_ICMP6 = 3;

    private LinuxNet() {
    }
}
