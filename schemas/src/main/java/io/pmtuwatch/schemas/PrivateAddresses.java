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
        if (text == null || text.isEmpty() || !looksLikeLiteral(text)) {
            return null;
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /**
     * IPv6 text (letters, digits, dots, a zone after '%', with a colon) or dotted digits. A loop, not
     * String.matches: this runs for every MTU drop the topology reports, and matches compiles its pattern each call.
     */
    private static boolean looksLikeLiteral(String text) {
        boolean colon = false;
        boolean digitsAndDots = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean digitOrDot = (c >= '0' && c <= '9') || c == '.';
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            if (!digitOrDot && !letter && c != ':' && c != '%') {
                return false;
            }
            colon |= c == ':';
            digitsAndDots &= digitOrDot;
        }
        return colon || digitsAndDots;
    }
}
