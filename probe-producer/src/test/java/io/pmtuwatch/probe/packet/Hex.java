package io.pmtuwatch.probe.packet;

import java.util.HexFormat;

/** Byte fixtures written as hex, with spaces and '|' allowed as separators for readability. */
final class Hex {

    private Hex() {
    }

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("[\\s|]", ""));
    }
}
