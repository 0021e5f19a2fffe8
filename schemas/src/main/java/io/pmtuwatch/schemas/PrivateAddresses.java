package io.pmtuwatch.schemas;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Addresses that many unrelated networks reuse, so they name no link by themselves. Pure (literals only). */
final class PrivateAddresses {

    private PrivateAddresses() {
    }

    /** True for RFC 1918, CGNAT 100.64/10, loopback, link-local and IPv6 ULA; text that is no IP literal counts as private. */
    static boolean isPrivate(String text) {
        InetAddress address = literal(text);
        if (address == null) {
            return true;
        }
        if (address.isSiteLocalAddress() || address.isLinkLocalAddress() || address.isLoopbackAddress()
                || address.isAnyLocalAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64; // CGNAT 100.64.0.0/10
        }
        return address instanceof Inet6Address && (b[0] & 0xfe) == 0xfc; // ULA fc00::/7
    }

    // Only numeric text is parsed: InetAddress.getByName would resolve a name through DNS.
    private static InetAddress literal(String text) {
        if (text == null || text.isEmpty() || !text.matches("[0-9A-Fa-f:.%a-zA-Z]+")
                || !(text.indexOf(':') >= 0 || text.matches("[0-9.]+"))) {
            return null;
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
