package io.pmtuwatch.probe.returnpath;

import java.time.Duration;

/**
 * Budget and knobs of one return-path test.
 *
 * @param connectTimeout how long the TCP handshake may take
 * @param stallAfter     how long data may be missing (a hole, or no progress) before it counts as stalled;
 *                       longer than a normal loss repair (fast retransmit, a first RTO of 200 ms and more)
 * @param ptbWait        how long to watch for smaller segments after our packet-too-big
 * @param maxBytes       answer bytes after which the test stops reading (a large page proves nothing more)
 * @param maxDuration    the whole test's ceiling
 * @param ptbMtu         MTU our packet-too-big reports: 1280 fits almost every tunnel and is IPv6's minimum
 * @param httpPath       path of the HTTP GET
 * @param capture        try the packet capture (else: bytes from the socket only)
 */
public record ReturnPathSettings(Duration connectTimeout, Duration stallAfter, Duration ptbWait, int maxBytes,
                                 Duration maxDuration, int ptbMtu, String httpPath, boolean capture) {

    public static ReturnPathSettings defaults() {
        return new ReturnPathSettings(Duration.ofSeconds(3), Duration.ofMillis(1200), Duration.ofMillis(1500),
                256 * 1024, Duration.ofSeconds(8), 1280, "/", true);
    }

    public ReturnPathSettings withHttpPath(String path) {
        return new ReturnPathSettings(connectTimeout, stallAfter, ptbWait, maxBytes, maxDuration, ptbMtu, path,
                capture);
    }

    public ReturnPathSettings withCapture(boolean on) {
        return new ReturnPathSettings(connectTimeout, stallAfter, ptbWait, maxBytes, maxDuration, ptbMtu, httpPath,
                on);
    }
}
