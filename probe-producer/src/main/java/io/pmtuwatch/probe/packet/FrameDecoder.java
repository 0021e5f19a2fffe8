package io.pmtuwatch.probe.packet;

import java.util.Optional;

/**
 * Decodes a captured frame all the way: link layer, IP, tunnels, then TCP or an ICMP error. Pure,
 * and never throws: whatever the bytes, the answer is a {@link Frame} (possibly MALFORMED), so a
 * reader can count bad frames and go on.
 */
public final class FrameDecoder {

    private FrameDecoder() {
    }

    public static Frame decode(LinkType linkType, byte[] bytes) {
        try {
            LinkPayload link = LinkLayerDecoder.locate(linkType, bytes);
            if (link == null) {
                return Frame.NOT_IP;
            }
            Optional<IpPacket> ip = IpDecoder.decode(link.ip());
            if (ip.isEmpty()) {
                return Frame.malformed(link.encapsulations(), null, "IP header cut or invalid");
            }
            return ofIp(ip.get(), link.encapsulations());
        } catch (RuntimeException e) {
            // The decoders are written not to throw; this is the last line of defence for the reader.
            return Frame.malformed(0, null, "decoder error: " + e);
        }
    }

    /** Decodes what an IP packet carries (also used for a datagram after reassembly). */
    public static Frame ofIp(IpPacket outer, int linkEncapsulations) {
        try {
            Decapsulated inner = TunnelDecoder.decapsulate(outer);
            int bits = linkEncapsulations | inner.encapsulations();
            IpPacket ip = inner.ip();
            if (ip.isTcp()) {
                Optional<TcpSegment> tcp = TcpDecoder.decode(ip.payload());
                if (tcp.isEmpty()) {
                    return ip.isWhole()
                            ? new Frame(Frame.Status.MALFORMED, bits, outer, ip, null, null, "TCP header cut or invalid")
                            // A first fragment too short for the TCP header (a crafted split): fine until reassembled.
                            : new Frame(Frame.Status.DECODED, bits, outer, ip, null, null, null);
                }
                return new Frame(Frame.Status.DECODED, bits, outer, ip, tcp.get(), null, null);
            }
            if (ip.isIcmp() && ip.isWhole()) {
                IcmpMessage icmp = IcmpDecoder.decode(ip).orElse(null);
                return new Frame(Frame.Status.DECODED, bits, outer, ip, null, icmp, null);
            }
            return new Frame(Frame.Status.DECODED, bits, outer, ip, null, null, null);
        } catch (RuntimeException e) {
            return Frame.malformed(linkEncapsulations, outer, "decoder error: " + e);
        }
    }
}
