package io.pmtuwatch.probe.capture;

import java.util.List;
import java.util.Map;

/**
 * What {@code analyze} prints: one document per capture (the {@code --json} form is this record
 * serialised as is, so field names are the JSON contract of the command).
 */
public record AnalysisReport(String file, String linkType, Counts counts, Summary summary, List<FlowView> flows,
                             List<RouterView> routers, List<MtuEventView> mtuEvents, List<String> notes,
                             CaptureDamage damage) {

    /** Frame accounting: every frame lands in exactly one of decoded, notIp, malformed. */
    public record Counts(long frames, long bytes, long decoded, long notIp, long malformed,
                         Map<String, Integer> malformedReasons, long snaplenCutFrames,
                         Map<String, Long> encapsulations, long timeExceeded, long otherIcmpErrors,
                         long mssOnNonSyn, long reassembledDatagrams, long backwardsTimestamps) {
    }

    /** The figures the shared captures' manifest gives per file, named alike. */
    public record Summary(int fragNeededCount, List<Integer> fragNeededMtus, int ptb6Count, List<Integer> ptb6Mtus,
                          Map<String, Integer> synMss, Map<String, Integer> synAckMss, long ipv4Fragments,
                          long ipv6Fragments) {
    }

    public record FlowView(String client, String server, String protocol, int ipVersion, List<String> encapsulations,
                           int synCount, int synAckCount, Integer mssSent, Integer mssReceived, Integer effectiveMss,
                           int largestFromClient, int largestFromServer, int offloadSegments, List<PtbView> ptbs,
                           Integer pmtu, String pmtuSource, String status, List<FindingView> findings,
                           List<String> notes) {
    }

    public record PtbView(long frame, String router, int mtu, int quotedLength, boolean valid, String invalidReason) {
    }

    public record FindingView(String code, String severity, String message, String fix, String hop) {
    }

    public record RouterView(String address, int messages, List<Integer> mtus, int valid, int invalid,
                             List<String> flows) {
    }

    public record MtuEventView(long frame, String kind, String router, String receiver, int mtu, String quotedFlow,
                               int quotedLength, int refusedSize, boolean valid, String invalidReason,
                               List<String> notes) {
    }
}
