package io.pmtuwatch.probe.socket;

/**
 * UDP to a (normally closed) port, answered by port unreachable; ICMP echo through an unprivileged
 * ping socket (SOCK_DGRAM / IPPROTO_ICMP[V6]), allowed by net.ipv4.ping_group_range; or TCP SYNs
 * padded to the probe size, from a raw socket (CAP_NET_RAW), answered by the target's SYN-ACK or RST.
 */
public enum ProbeKind {
    UDP,
    ICMP_ECHO,
    TCP_SYN;

    /** Bytes of IP and transport header in front of a probe's payload. */
    public int headerBytes(boolean ipv6) {
        return (ipv6 ? 40 : 20) + (this == TCP_SYN ? io.pmtuwatch.probe.packet.SynSegment.HEADER_BYTES : 8);
    }
}
