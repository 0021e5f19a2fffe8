package io.pmtuwatch.probe.capture;

import io.pmtuwatch.probe.packet.Encapsulation;
import io.pmtuwatch.probe.packet.LinkType;
import java.util.List;
import java.util.Map;

/** Everything a {@link TrafficAnalyzer} accumulated. The flows are live accumulators: read, do not modify. */
public record AnalysisResult(LinkType linkType, long frames, long bytes, long notIp, long malformed,
                             Map<String, Integer> problems, long snaplenCutFrames,
                             Map<Encapsulation, Long> encapsulationFrames, long ipv4Fragments, long ipv6Fragments,
                             long reassembledDatagrams, int incompleteDatagrams, long timeExceeded,
                             long otherIcmpErrors, long mssOnNonSyn, Map<String, Integer> synMss,
                             Map<String, Integer> synAckMss, List<MtuEvent> mtuEvents, List<FlowStats> flows,
                             long firstMicros, long lastMicros, long backwardsTimestamps) {
}
