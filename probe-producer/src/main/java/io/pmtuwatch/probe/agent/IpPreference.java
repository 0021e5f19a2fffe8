package io.pmtuwatch.probe.agent;

import java.util.Locale;
import java.util.Optional;

/** Which IP version to probe a target over. AUTO takes the first address the resolver returns. */
public enum IpPreference {
    V4, V6, AUTO;

    /** Accepts 4, 6, auto, ipv4, ipv6, v4, v6 (any case). */
    public static Optional<IpPreference> parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "4", "v4", "ipv4" -> Optional.of(V4);
            case "6", "v6", "ipv6" -> Optional.of(V6);
            case "auto" -> Optional.of(AUTO);
            default -> Optional.empty();
        };
    }
}
