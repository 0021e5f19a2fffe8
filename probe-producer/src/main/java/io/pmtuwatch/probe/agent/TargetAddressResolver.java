package io.pmtuwatch.probe.agent;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Resolves a target's host for its IP preference. Done per run: DNS answers change. */
@FunctionalInterface
public interface TargetAddressResolver {

    InetAddress resolve(String host, IpPreference ip) throws UnknownHostException;

    /** The system resolver; AUTO takes the first address it returns. */
    TargetAddressResolver SYSTEM = (host, ip) -> {
        for (InetAddress address : InetAddress.getAllByName(host)) {
            if (ip == IpPreference.AUTO || (ip == IpPreference.V4 && address instanceof Inet4Address)
                    || (ip == IpPreference.V6 && address instanceof Inet6Address)) {
                return address;
            }
        }
        throw new UnknownHostException(host + " has no " + (ip == IpPreference.V4 ? "IPv4" : "IPv6") + " address");
    };
}
