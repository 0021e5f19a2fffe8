package io.pmtuwatch.probe.trace;

import java.util.List;

/**
 * MTUs that real links have (RFC 1191's plateaus, extended with today's tunnels: PPPoE 1492,
 * IPIP 1480, GRE 1476/1472/1468, VXLAN 1450/1430, WireGuard 1440/1420, IPv6 minimum 1280). A black
 * hole is almost always at one of them, so they are tried before bisecting.
 */
public final class PlateauTable {

    private static final List<Integer> PLATEAUS = List.of(9000, 8166, 4464, 4352, 2002, 1500, 1492, 1480, 1476, 1472,
            1468, 1460, 1450, 1440, 1430, 1420, 1400, 1380, 1280, 1006, 576, 552, 508, 296, 68);

    private PlateauTable() {
    }

    /** Plateaus strictly between {@code above} and {@code below}, largest first. */
    public static List<Integer> between(int above, int below) {
        return PLATEAUS.stream().filter(p -> p > above && p < below).toList();
    }
}
