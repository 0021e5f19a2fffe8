package io.pmtuwatch.probe.returnpath;

import io.pmtuwatch.probe.packet.LinkType;
import java.util.Optional;

/**
 * Wraps an IP packet for injection on the capture's link, addressed like the frames the target's
 * segments arrived in, turned around: on Ethernet, to the MAC they came from (our next hop) from the
 * MAC they went to (ours). Raw-IP links need no header; other link types (Linux cooked captures,
 * VLAN-tagged frames) cannot be answered this way. Pure.
 */
final class LinkFrame {

    private static final int ETHERNET_HEADER = 14;

    private LinkFrame() {
    }

    /**
     * @param fromTarget a frame the target's segment arrived in (its link header is reused)
     * @param ipv6       whether {@code ip} is IPv6
     */
    static Optional<byte[]> wrap(LinkType linkType, byte[] fromTarget, byte[] ip, boolean ipv6) {
        return switch (linkType) {
            case RAW_DLT12, RAW_DLT14, RAW, IPV4, IPV6 -> Optional.of(ip);
            case ETHERNET -> ethernet(fromTarget, ip, ipv6);
            default -> Optional.empty();
        };
    }

    private static Optional<byte[]> ethernet(byte[] fromTarget, byte[] ip, boolean ipv6) {
        if (fromTarget == null || fromTarget.length < ETHERNET_HEADER) {
            return Optional.empty();
        }
        int etherType = ((fromTarget[12] & 0xff) << 8) | (fromTarget[13] & 0xff);
        int expected = ipv6 ? 0x86DD : 0x0800;
        if (etherType != expected) {
            return Optional.empty(); // VLAN tags, PPPoE, ...: not worth rebuilding here
        }
        byte[] frame = new byte[ETHERNET_HEADER + ip.length];
        System.arraycopy(fromTarget, 6, frame, 0, 6);
        System.arraycopy(fromTarget, 0, frame, 6, 6);
        frame[12] = fromTarget[12];
        frame[13] = fromTarget[13];
        System.arraycopy(ip, 0, frame, ETHERNET_HEADER, ip.length);
        return Optional.of(frame);
    }
}
