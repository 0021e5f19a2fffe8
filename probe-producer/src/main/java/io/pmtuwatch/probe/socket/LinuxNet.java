package io.pmtuwatch.probe.socket;

/** Linux socket constants (x86_64 / aarch64 values; both use the generic ABI for these). */
public final class LinuxNet {

    public static final int AF_UNSPEC = 0;
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;
    public static final int SOCK_DGRAM = 2;
    public static final int SOCK_RAW = 3;
    public static final int IPPROTO_IP = 0;
    public static final int IPPROTO_ICMP = 1;
    public static final int IPPROTO_UDP = 17;
    public static final int IPPROTO_IPV6 = 41;
    public static final int IPPROTO_RAW = 255;
    public static final int IPPROTO_ICMPV6 = 58;

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

    public static final int MSG_DONTWAIT = 0x40;
    public static final int MSG_TRUNC = 0x20;
    public static final int MSG_ERRQUEUE = 0x2000;

    public static final short POLLIN = 0x1;
    public static final short POLLERR = 0x8;

    public static final int EAGAIN = 11;
    public static final int EACCES = 13;
    public static final int EPERM = 1;
    public static final int EMSGSIZE = 90;
    public static final int EPROTONOSUPPORT = 93;

    /** sock_extended_err.ee_origin values. */
    public static final int SO_EE_ORIGIN_LOCAL = 1;
    public static final int SO_EE_ORIGIN_ICMP = 2;
    public static final int SO_EE_ORIGIN_ICMP6 = 3;

    private LinuxNet() {
    }
}
