package io.pmtuwatch.probe.cli;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** Resolves a target name to one address of the wanted IP version (or the first address when either will do). */
final class TargetResolver {

    private TargetResolver() {
    }

    static InetAddress resolve(String host, boolean only4, boolean only6) throws UnknownHostException {
        InetAddress[] all = InetAddress.getAllByName(host);
        return Arrays.stream(all)
                .filter(a -> !only4 || a instanceof Inet4Address)
                .filter(a -> !only6 || a instanceof Inet6Address)
                .findFirst()
                .orElseThrow(() -> new UnknownHostException(host + " has no " + (only4 ? "IPv4" : "IPv6") + " address"));
    }
}
