package io.pmtuwatch.probe.handshake;

import java.time.Duration;
import java.util.Objects;

/**
 * How a handshake is measured.
 *
 * @param connectTimeout how long to wait for the SYN-ACK (the kernel retransmits the SYN after 1 s)
 * @param captureGrace   how long to keep reading the capture after connect() returned, for the answer to show up
 * @param mode           PCAP, TCP_INFO, or AUTO (PCAP when allowed)
 */
public record HandshakeSettings(Duration connectTimeout, Duration captureGrace, MssMode mode) {

    public static final HandshakeSettings DEFAULT =
            new HandshakeSettings(Duration.ofSeconds(3), Duration.ofMillis(200), MssMode.AUTO);

    public HandshakeSettings {
        Objects.requireNonNull(mode, "mode");
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connect timeout must be positive: " + connectTimeout);
        }
        if (captureGrace.isNegative()) {
            throw new IllegalArgumentException("capture grace must not be negative: " + captureGrace);
        }
    }

    public HandshakeSettings withMode(MssMode newMode) {
        return new HandshakeSettings(connectTimeout, captureGrace, newMode);
    }

    public HandshakeSettings withConnectTimeout(Duration timeout) {
        return new HandshakeSettings(timeout, captureGrace, mode);
    }
}
