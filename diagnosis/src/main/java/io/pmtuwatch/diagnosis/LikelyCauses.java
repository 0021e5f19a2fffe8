package io.pmtuwatch.diagnosis;

import java.util.Map;
import java.util.Optional;

/**
 * Guesses why a link's MTU is lower, from the MTU it reports. The table assumes the usual 1500-byte
 * Ethernet underlay: each encapsulation subtracts its own header bytes. Different encapsulations
 * land on the same value (and anyone may set an MTU by hand), so every answer says "likely" and
 * colliding values name all candidates. When the link before was not 1500 (jumbo frames), the
 * difference is matched against the same overheads instead.
 */
public final class LikelyCauses {

    static final String UNKNOWN = "reduced MTU (unknown encapsulation)";

    private static final Map<Integer, String> BY_MTU = Map.ofEntries(
            Map.entry(1500, "standard Ethernet MTU (likely the end of a jumbo-frame segment)"),
            Map.entry(1492, "PPPoE (likely)"),
            Map.entry(1480, "IPIP, 6in4 or SIT tunnel (likely)"),
            Map.entry(1476, "GRE tunnel (likely)"),
            Map.entry(1472, "GRE tunnel with key or sequence numbers (likely)"),
            Map.entry(1468, "GRE tunnel with key and sequence numbers (likely)"),
            Map.entry(1460, "IPv4-in-IPv6 tunnel (likely)"),
            Map.entry(1450, "VXLAN over IPv4 (likely)"),
            Map.entry(1440, "WireGuard over IPv4 (likely)"),
            Map.entry(1430, "VXLAN over IPv6 or IPsec ESP (likely)"),
            Map.entry(1420, "WireGuard over IPv6 or IPsec ESP (likely)"),
            Map.entry(1280, "IPv6 minimum MTU, likely a tunnel configured to the minimum"));

    /** ESP's overhead depends on cipher, padding and mode; these MTUs are typical on a 1500 underlay. */
    private static final int ESP_LOWEST = 1400;
    private static final int ESP_HIGHEST = 1438;
    private static final int ETHERNET = 1500;

    private static final Map<Integer, String> BY_OVERHEAD = Map.ofEntries(
            Map.entry(8, "PPPoE"),
            Map.entry(20, "IPIP, 6in4 or SIT tunnel"),
            Map.entry(24, "GRE tunnel"),
            Map.entry(28, "GRE tunnel with key or sequence numbers"),
            Map.entry(32, "GRE tunnel with key and sequence numbers"),
            Map.entry(40, "IPv4-in-IPv6 tunnel"),
            Map.entry(50, "VXLAN over IPv4"),
            Map.entry(60, "WireGuard over IPv4"),
            Map.entry(70, "VXLAN over IPv6"),
            Map.entry(80, "WireGuard over IPv6"));

    private LikelyCauses() {
    }

    /** Likely cause of a link MTU on a 1500-byte underlay. */
    public static String forMtu(int mtu) {
        String known = BY_MTU.get(mtu);
        if (known != null) {
            return known;
        }
        if (mtu >= ESP_LOWEST && mtu <= ESP_HIGHEST) {
            return "IPsec ESP tunnel (likely)";
        }
        return UNKNOWN;
    }

    /** Likely cause of a drop from {@code fromMtu} (null: unknown) to {@code toMtu}. */
    public static String forDrop(Integer fromMtu, int toMtu) {
        String byValue = forMtu(toMtu);
        if (!byValue.equals(UNKNOWN) || fromMtu == null || fromMtu == ETHERNET) {
            return byValue;
        }
        return Optional.ofNullable(BY_OVERHEAD.get(fromMtu - toMtu))
                .map(cause -> cause + " on a " + fromMtu + "-byte underlay (likely)")
                .orElse(UNKNOWN);
    }
}
