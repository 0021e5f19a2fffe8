package io.pmtuwatch.probe.packet;

/**
 * One captured frame, decoded as far as it goes.
 *
 * @param status         whether it was IP, and whether its headers made sense
 * @param encapsulations bits of {@link Encapsulation}: link layer and tunnels
 * @param outer          the outermost IP packet (null unless status is DECODED)
 * @param ip             the innermost IP packet after tunnels (equals {@code outer} without tunnels)
 * @param tcp            the TCP header of {@code ip}, when it carries one
 * @param icmp           the ICMP error carried by {@code ip}, when it is one
 * @param problem        why a frame is MALFORMED, else null
 */
public record Frame(Status status, int encapsulations, IpPacket outer, IpPacket ip, TcpSegment tcp,
                    IcmpMessage icmp, String problem) {

    public enum Status {
        /** An IP packet whose headers decoded. */
        DECODED,
        /** Not IP (ARP, LLC, LCP, ...): nothing to analyse, not an error. */
        NOT_IP,
        /** Claimed to be IP (or TCP/ICMP) but a header is cut or impossible. */
        MALFORMED
    }

    static final Frame NOT_IP = new Frame(Status.NOT_IP, 0, null, null, null, null, null);

    static Frame malformed(int encapsulations, IpPacket outer, String problem) {
        return new Frame(Status.MALFORMED, encapsulations, outer, outer, null, null, problem);
    }

    public boolean hasEncapsulation(Encapsulation encapsulation) {
        return Encapsulations.has(encapsulations, encapsulation);
    }
}
