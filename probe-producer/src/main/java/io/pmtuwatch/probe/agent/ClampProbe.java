package io.pmtuwatch.probe.agent;

import io.pmtuwatch.probe.clamp.ClampVerdict;
import io.pmtuwatch.probe.clamp.Tracebox;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;

/** Locates MSS clamps on a run's path (the tracebox method), or not at all (the default: it needs root). */
@FunctionalInterface
public interface ClampProbe {

    ClampProbe NONE = (address, port) -> Optional.empty();

    /** TTL-limited raw SYNs: up to 30 hops, 2 s for the quotes. */
    static ClampProbe tracebox() {
        return (address, port) -> Optional.of(new Tracebox(30, Duration.ofSeconds(2)).locate(address, port));
    }

    Optional<ClampVerdict> locate(InetAddress address, int port) throws Exception;
}
