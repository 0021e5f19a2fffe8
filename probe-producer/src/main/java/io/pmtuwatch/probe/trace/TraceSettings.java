package io.pmtuwatch.probe.trace;

import java.util.OptionalInt;

/**
 * How a trace probes. {@code udpPort}: destination port of UDP probes (a closed port answers with
 * port unreachable). {@code sourcePort} 0 = random. {@code nonce} empty = random; tests fix both to
 * forge answers. {@code lingerMillis}: keep reading after the last probe (late or forged answers are
 * counted). Timeouts adapt to the measured RTT within [min, max].
 */
public record TraceSettings(int udpPort, int sourcePort, int maxHops, OptionalInt nonce, int minTimeoutMillis,
        int maxTimeoutMillis, int attempts, boolean icmpFallback, boolean echoSizeSearch, int lingerMillis) {

    public static TraceSettings defaults() {
        return new TraceSettings(33434, 0, 30, OptionalInt.empty(), 20, 1000, 3, true, true, 0);
    }

    public TraceSettings withUdpPort(int port) {
        return new TraceSettings(port, sourcePort, maxHops, nonce, minTimeoutMillis, maxTimeoutMillis, attempts,
                icmpFallback, echoSizeSearch, lingerMillis);
    }

    public TraceSettings withSourcePortAndNonce(int port, int fixedNonce) {
        return new TraceSettings(udpPort, port, maxHops, OptionalInt.of(fixedNonce), minTimeoutMillis,
                maxTimeoutMillis, attempts, icmpFallback, echoSizeSearch, lingerMillis);
    }

    /** Keep reading for this long after the last probe, to count late, duplicate or forged answers. */
    public TraceSettings withLingerMillis(int millis) {
        return new TraceSettings(udpPort, sourcePort, maxHops, nonce, minTimeoutMillis, maxTimeoutMillis, attempts,
                icmpFallback, echoSizeSearch, millis);
    }

    public TraceSettings withEchoSizeSearch(boolean echo) {
        return new TraceSettings(udpPort, sourcePort, maxHops, nonce, minTimeoutMillis, maxTimeoutMillis, attempts,
                icmpFallback, echo, lingerMillis);
    }
}
