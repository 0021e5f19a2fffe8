package io.pmtuwatch.probe.handshake;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether this process may open a packet capture: CAP_NET_RAW (bit 13) in its effective set.
 * Root normally has it; a container or a file capability may grant it without root.
 */
public final class CaptureCapability {

    static final int CAP_NET_RAW = 13;
    private static final Path STATUS = Path.of("/proc/self/status");

    private CaptureCapability() {
    }

    /** Reads /proc/self/status; false when it cannot be read (not Linux). */
    public static boolean currentProcessMayCapture() {
        try {
            return mayCapture(Files.readString(STATUS));
        } catch (IOException e) {
            return false;
        }
    }

    /** True when the {@code CapEff:} line of a /proc/PID/status text has CAP_NET_RAW set. */
    static boolean mayCapture(String procStatus) {
        for (String line : procStatus.split("\n")) {
            if (line.startsWith("CapEff:")) {
                try {
                    long effective = Long.parseUnsignedLong(line.substring("CapEff:".length()).trim(), 16);
                    return (effective & (1L << CAP_NET_RAW)) != 0;
                } catch (NumberFormatException e) {
                    return false;
                }
            }
        }
        return false;
    }
}
