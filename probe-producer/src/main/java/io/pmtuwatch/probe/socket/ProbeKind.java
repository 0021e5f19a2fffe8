package io.pmtuwatch.probe.socket;

/**
 * UDP to a (normally closed) port, answered by port unreachable; or ICMP echo through an
 * unprivileged ping socket (SOCK_DGRAM / IPPROTO_ICMP[V6]), allowed by net.ipv4.ping_group_range.
 */
public enum ProbeKind {
    UDP,
    ICMP_ECHO
}
