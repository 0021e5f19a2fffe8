package io.pmtuwatch.probe.socket;

import io.pmtuwatch.linux.LinuxNet;
import java.net.InetAddress;
import java.util.Optional;

/**
 * A {@code struct sock_extended_err} from the error queue: which layer produced it ({@code origin}:
 * local, ICMP, ICMPv6), the ICMP type and code, {@code info} (the next-hop MTU of a
 * frag-needed / packet-too-big, or the local MTU of a local EMSGSIZE) and the offender: the address
 * that sent the ICMP error.
 */
public record ExtendedError(int errno, int origin, int type, int code, int info, Optional<InetAddress> offender) {

    public boolean fromIcmp() {
        return origin == LinuxNet.SO_EE_ORIGIN_ICMP || origin == LinuxNet.SO_EE_ORIGIN_ICMP6;
    }

    public boolean local() {
        return origin == LinuxNet.SO_EE_ORIGIN_LOCAL;
    }
}
