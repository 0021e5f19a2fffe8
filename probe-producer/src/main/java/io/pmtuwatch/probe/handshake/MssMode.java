package io.pmtuwatch.probe.handshake;

/** How the handshake measures MSS values. */
public enum MssMode {
    /** Capture when this process may (CAP_NET_RAW), else TCP_INFO. */
    AUTO,
    /** Capture only; fails the measurement (ERROR) when capture is impossible. */
    PCAP,
    /** TCP_INFO/TCP_MAXSEG only, as an unprivileged process would. */
    TCP_INFO
}
