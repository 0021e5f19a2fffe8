package io.pmtuwatch.probe.capture;

import io.pmtuwatch.probe.packet.Encapsulation;
import io.pmtuwatch.probe.packet.LinkType;
import java.util.List;
import java.util.Map;

/**
 * Everything a {@link TrafficAnalyzer} accumulated, as immutable values grouped by what they count.
 *
 * @param linkType  the capture's link type
 * @param frames    frames and bytes read, and those not analysed
 * @param fragments IP fragments and reassembly
 * @param icmp      ICMP errors other than the MTU events
 * @param mss       MSS options seen
 * @param span      the capture's time span
 * @param mtuEvents frag-needed / packet-too-big events, in capture order
 * @param flows     every flow, as snapshots
 */
public record AnalysisResult(LinkType linkType, Frames frames, Fragments fragments, Icmp icmp, Mss mss, Span span,
                             List<MtuEvent> mtuEvents, List<FlowSnapshot> flows) {

    /**
     * @param total          frames read
     * @param bytes          their captured bytes
     * @param notIp          frames carrying no IP packet
     * @param malformed      frames that did not decode, counted by problem in {@code problems}
     * @param problems       decoding problems by name
     * @param snaplenCut     frames cut by the snapshot length
     * @param encapsulations frames per encapsulation layer
     */
    public record Frames(long total, long bytes, long notIp, long malformed, Map<String, Integer> problems,
                         long snaplenCut, Map<Encapsulation, Long> encapsulations) {
    }

    /** IPv4 and IPv6 fragments, datagrams reassembled from them, and those still incomplete. */
    public record Fragments(long ipv4, long ipv6, long reassembled, int incomplete) {
    }

    /** ICMP time-exceeded and other ICMP errors (the MTU ones are events). */
    public record Icmp(long timeExceeded, long otherErrors) {
    }

    /** MSS values of SYNs and SYN-ACKs (count per value), and MSS options on non-SYN segments. */
    public record Mss(Map<String, Integer> syn, Map<String, Integer> synAck, long onNonSyn) {
    }

    /** First and last frame time (0 without frames) and how often time went backwards. */
    public record Span(long firstMicros, long lastMicros, long backwardsTimestamps) {
    }
}
