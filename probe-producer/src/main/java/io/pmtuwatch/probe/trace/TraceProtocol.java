package io.pmtuwatch.probe.trace;

import java.util.Locale;

/**
 * How a target's path is probed (targets file {@code probe:}): UDP (then ICMP echo where UDP is
 * filtered), TCP SYNs to the target's port (CAP_NET_RAW), or AUTO: UDP, and TCP SYNs to the
 * target's TCP port when the target answers neither UDP nor echo.
 */
public enum TraceProtocol {
    AUTO, UDP, TCP;

    /**
     * {@code base} probing this way; {@code tcpPort} is the target's TCP service port, 0 when it has
     * none (then AUTO stays UDP).
     */
    public TraceSettings apply(TraceSettings base, int tcpPort) {
        return switch (this) {
            case TCP -> base.withTcp(tcpPort);
            case AUTO -> tcpPort > 0 ? base.withTcpFallback(tcpPort) : base.withoutTcpFallback();
            case UDP -> base.withoutTcpFallback();
        };
    }

    /** From the targets file's words: auto, udp, tcp. */
    public static TraceProtocol parse(String text) {
        for (TraceProtocol p : values()) {
            if (p.name().equalsIgnoreCase(text)) {
                return p;
            }
        }
        throw new IllegalArgumentException("probe must be auto, udp or tcp, not '" + text + "'");
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
