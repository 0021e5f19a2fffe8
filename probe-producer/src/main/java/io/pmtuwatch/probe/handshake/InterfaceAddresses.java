package io.pmtuwatch.probe.handshake;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Finds the interface that holds an IPv6 address in the text of /proc/thread-self/net/if_inet6.
 * Java's NetworkInterface reads /proc/net/if_inet6, which shows the namespace of the process's
 * main thread, not of a thread that entered a lab namespace; so IPv6 lookups are done here. Pure.
 */
final class InterfaceAddresses {

    private InterfaceAddresses() {
    }

    /** Lines: "address(32 hex) ifindex prefixlen scope flags name". */
    static Optional<String> interfaceOf(String ifInet6, InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return Optional.empty();
        }
        String wanted = HexFormat.of().formatHex(address.getAddress());
        for (String line : ifInet6.split("\n")) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length >= 6 && fields[0].equalsIgnoreCase(wanted)) {
                return Optional.of(fields[5]);
            }
        }
        return Optional.empty();
    }
}
