package io.pmtuwatch.probe.packet;

import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * A decoded IPv4 or IPv6 header.
 *
 * @param version      4 or 6
 * @param source       source address
 * @param destination  destination address
 * @param protocol     upper-layer protocol after any IPv6 extension headers (6 = TCP)
 * @param hopLimit     TTL (IPv4) or hop limit (IPv6)
 * @param totalLength  length of the whole IP packet as its header says (IPv6: 40 + payload length)
 * @param dontFragment IPv4 DF bit; always true for IPv6, whose routers never fragment
 * @param firstFragment false for a non-first fragment, whose payload does not start with a transport header
 * @param payload      the transport bytes that were captured (may be shorter than the header says)
 */
public record IpPacket(int version, InetAddress source, InetAddress destination, int protocol, int hopLimit,
                       int totalLength, boolean dontFragment, boolean firstFragment, ByteBuffer payload) {

    public static final int PROTOCOL_TCP = 6;

    public boolean isTcp() {
        return protocol == PROTOCOL_TCP && firstFragment;
    }
}
