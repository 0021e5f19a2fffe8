package io.pmtuwatch.probe.handshake;

import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * The BPF expression for one handshake: the 5-tuple both ways, and only segments with SYN or RST
 * set, so the capture buffer holds the handshake and nothing of the data that may follow. Pure.
 */
final class CaptureFilter {

    private CaptureFilter() {
    }

    static String forHandshake(InetAddress server, int serverPort, int clientPort) {
        String host = server.getHostAddress().replaceFirst("%.*$", "");
        String tuple = String.format("((dst host %1$s and dst port %2$d and src port %3$d)"
                + " or (src host %1$s and src port %2$d and dst port %3$d))", host, serverPort, clientPort);
        // libpcap cannot index tcp[] over IPv6; the TCP flags are at byte 40 + 13 when no extension
        // header intervenes, which holds for handshakes (the decoder re-checks anyway).
        String synOrRst = server instanceof Inet6Address
                ? "ip6 and tcp and (ip6[53] & 0x06) != 0"
                : "ip and tcp and (tcp[tcpflags] & (tcp-syn|tcp-rst)) != 0";
        return synOrRst + " and " + tuple;
    }
}
