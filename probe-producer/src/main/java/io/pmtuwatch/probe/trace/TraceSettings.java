package io.pmtuwatch.probe.trace;

import io.pmtuwatch.probe.socket.ProbeKind;
import java.util.OptionalInt;

/**
 * How a trace probes. {@code udpPort}: destination port of UDP probes (a closed port answers with
 * port unreachable). {@code sourcePort} 0 = random. {@code nonce} empty = random; tests fix both to
 * forge answers. {@code lingerMillis}: keep reading after the last probe (late or forged answers are
 * counted). Timeouts adapt to the measured RTT within [min, max]. {@code flows}/{@code quietFlows}:
 * ECMP exploration (see {@link #withFlows}). {@code probeKind}: UDP, or TCP SYNs to {@code tcpPort}
 * (raw socket, CAP_NET_RAW); {@code tcpFallback}: a UDP run whose target never answered (neither UDP
 * nor echo) is run again with TCP SYNs to {@code tcpPort}.
 */
public record TraceSettings(int udpPort, int sourcePort, int maxHops, OptionalInt nonce, int minTimeoutMillis,
        int maxTimeoutMillis, int attempts, boolean icmpFallback, boolean echoSizeSearch, int lingerMillis, int flows,
        int quietFlows, ProbeKind probeKind, int tcpPort, boolean tcpFallback) {

    /** At most this many flows per run by default (ECMP exploration; 1 = one flow, tracepath-style). */
    public static final int DEFAULT_FLOWS = 8;
    /** Exploration stops after this many flows in a row showed nothing new (MDA-style); bounds the cost. */
    public static final int DEFAULT_QUIET_FLOWS = 2;

    public TraceSettings {
        if (probeKind == ProbeKind.ICMP_ECHO) {
            throw new IllegalArgumentException("a trace's flows send UDP or TCP; echo is its fallback");
        }
        if ((probeKind == ProbeKind.TCP_SYN || tcpFallback) && (tcpPort < 1 || tcpPort > 65_535)) {
            throw new IllegalArgumentException("TCP probes need a port 1-65535: " + tcpPort);
        }
    }

    public TraceSettings(int udpPort, int sourcePort, int maxHops, OptionalInt nonce, int minTimeoutMillis,
            int maxTimeoutMillis, int attempts, boolean icmpFallback, boolean echoSizeSearch, int lingerMillis) {
        this(udpPort, sourcePort, maxHops, nonce, minTimeoutMillis, maxTimeoutMillis, attempts, icmpFallback,
                echoSizeSearch, lingerMillis, DEFAULT_FLOWS, DEFAULT_QUIET_FLOWS, ProbeKind.UDP, 0, false);
    }

    public static TraceSettings defaults() {
        return new TraceSettings(33434, 0, 30, OptionalInt.empty(), 20, 1000, 3, true, true, 0);
    }

    /** Destination port of the run's probes: the UDP port, or the target's TCP port. */
    public int destinationPort() {
        return probeKind == ProbeKind.TCP_SYN ? tcpPort : udpPort;
    }

    /**
     * ECMP exploration: at most {@code max} flows per run (1 turns it off), stopping once {@code quiet}
     * flows in a row showed nothing new.
     */
    public TraceSettings withFlows(int max, int quiet) {
        if (max < 1 || quiet < 1 || max > FlowPorts.MAX_FLOWS) {
            throw new IllegalArgumentException("flows must be 1-" + FlowPorts.MAX_FLOWS + " and quiet flows at least 1");
        }
        return new TraceSettings(udpPort, sourcePort, maxHops, nonce, minTimeoutMillis, maxTimeoutMillis, attempts,
                icmpFallback, echoSizeSearch, lingerMillis, max, quiet, probeKind, tcpPort, tcpFallback);
    }

    public TraceSettings withUdpPort(int port) {
        return new TraceSettings(port, sourcePort, maxHops, nonce, minTimeoutMillis, maxTimeoutMillis, attempts,
                icmpFallback, echoSizeSearch, lingerMillis, flows, quietFlows, probeKind, tcpPort, tcpFallback);
    }

    public TraceSettings withSourcePortAndNonce(int port, int fixedNonce) {
        return new TraceSettings(udpPort, port, maxHops, OptionalInt.of(fixedNonce), minTimeoutMillis,
                maxTimeoutMillis, attempts, icmpFallback, echoSizeSearch, lingerMillis, flows, quietFlows, probeKind,
                tcpPort, tcpFallback);
    }

    /** Keep reading for this long after the last probe, to count late, duplicate or forged answers. */
    public TraceSettings withLingerMillis(int millis) {
        return new TraceSettings(udpPort, sourcePort, maxHops, nonce, minTimeoutMillis, maxTimeoutMillis, attempts,
                icmpFallback, echoSizeSearch, millis, flows, quietFlows, probeKind, tcpPort, tcpFallback);
    }

    public TraceSettings withEchoSizeSearch(boolean echo) {
        return new TraceSettings(udpPort, sourcePort, maxHops, nonce, minTimeoutMillis, maxTimeoutMillis, attempts,
                icmpFallback, echo, lingerMillis, flows, quietFlows, probeKind, tcpPort, tcpFallback);
    }

    /** Probe with TCP SYNs to {@code port} (needs CAP_NET_RAW). */
    public TraceSettings withTcp(int port) {
        return new TraceSettings(udpPort, sourcePort, maxHops, nonce, minTimeoutMillis, maxTimeoutMillis, attempts,
                icmpFallback, echoSizeSearch, lingerMillis, flows, quietFlows, ProbeKind.TCP_SYN, port, false);
    }

    /** Probe with UDP; when the target answers nothing, run again with TCP SYNs to {@code port} (if allowed). */
    public TraceSettings withTcpFallback(int port) {
        return new TraceSettings(udpPort, sourcePort, maxHops, nonce, minTimeoutMillis, maxTimeoutMillis, attempts,
                icmpFallback, echoSizeSearch, lingerMillis, flows, quietFlows, ProbeKind.UDP, port, true);
    }

    /** No TCP fallback (UDP and echo only). */
    public TraceSettings withoutTcpFallback() {
        return new TraceSettings(udpPort, sourcePort, maxHops, nonce, minTimeoutMillis, maxTimeoutMillis, attempts,
                icmpFallback, echoSizeSearch, lingerMillis, flows, quietFlows, probeKind, tcpPort, false);
    }
}
