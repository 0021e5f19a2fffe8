package io.pmtuwatch.probe.packet;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Raw frames as Linux sends them, written out byte by byte (checksums zero: the decoder does not
 * verify them, a capture of locally generated packets often has them unset because of offload).
 */
final class Fixtures {

    /** Linux SYN options: MSS 1460, SACK-permitted, timestamps 0x01020304/0, NOP, window scale 7. */
    static final String SYN_OPTIONS = "020405b4 0402 080a01020304 00000000 01 030307";
    /** A SYN-ACK's options: MSS 1400, SACK-permitted, timestamps 0x0a0b0c0d/0x01020304, NOP, window scale 9. */
    static final String SYN_ACK_OPTIONS = "02040578 0402 080a0a0b0c0d 01020304 01 030309";

    static final String ETHERNET_IPV4 = "02000000000b 02000000000a 0800";
    static final String ETHERNET_IPV6 = "02000000000b 02000000000a 86dd";
    /** Linux cooked v1: outgoing, ARPHRD_ETHER, 6-byte address, protocol. */
    static final String SLL_IPV6 = "0004 0001 0006 02000000000a0000 86dd";
    /** Linux cooked v2: protocol, reserved, ifindex 2, ARPHRD_ETHER, outgoing, 6-byte address. */
    static final String SLL2_IPV4 = "0800 0000 00000002 0001 04 06 02000000000a0000";

    private Fixtures() {
    }

    /** IPv4 header 192.168.0.2 -> 192.168.0.1 (or reversed), DF, TTL 64, protocol TCP. */
    static String ipv4(boolean fromClient, int payloadLength) {
        String total = String.format("%04x", 20 + payloadLength);
        String addresses = fromClient ? "c0a80002 c0a80001" : "c0a80001 c0a80002";
        return "4500" + total + " 1c46 4000 40 06 0000 " + addresses;
    }

    /** IPv6 header 2001:db8::2 -> 2001:db8::1 (or reversed), hop limit 64, next header as given. */
    static String ipv6(boolean fromClient, int payloadLength, int nextHeader) {
        String client = "20010db8000000000000000000000002";
        String server = "20010db8000000000000000000000001";
        return "60000000" + String.format("%04x", payloadLength) + String.format("%02x", nextHeader) + "40"
                + (fromClient ? client + server : server + client);
    }

    /** TCP header 50000 -> 443 (or reversed) with the flags and option bytes given. */
    static String tcp(boolean fromClient, int flags, String options) {
        String opts = options.replaceAll("\\s", "");
        int headerLength = 20 + opts.length() / 2;
        String ports = fromClient ? "c350 01bb" : "01bb c350";
        String seqAck = fromClient ? "00000001 00000000" : "00000064 00000002";
        return ports + seqAck + String.format("%02x%02x", (headerLength / 4) << 4, flags) + "faf0 0000 0000"
                + opts;
    }

    static int length(String hex) {
        return hex.replaceAll("[\\s|]", "").length() / 2;
    }

    /** A direct buffer like a capture file's, with the frame at {@code start} and other bytes around it. */
    static ByteBuffer fileBuffer(byte[] frame, int start, byte filler) {
        ByteBuffer buf = ByteBuffer.allocateDirect(start + frame.length + 64).order(ByteOrder.BIG_ENDIAN);
        for (int i = 0; i < buf.capacity(); i++) {
            buf.put(i, filler);
        }
        buf.put(start, frame);
        return buf;
    }
}
