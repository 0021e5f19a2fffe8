package io.pmtuwatch.stream.sink;

import io.pmtuwatch.schemas.DiagnosedHop;
import io.pmtuwatch.schemas.Finding;
import io.pmtuwatch.schemas.MtuDrop;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.EcmpMember;
import io.pmtuwatch.schemas.ReturnPath;
import io.pmtuwatch.schemas.ReturnPathOutcome;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.pmtuwatch.stream.sink.EcsFields.putIfNotNull;

/**
 * Maps a {@link PathDiagnosis} to its document in {@code pmtu-diagnoses}: ECS fields where ECS has a
 * name for the thing ({@code @timestamp}, {@code observer.*} for the agent, {@code destination.*} for
 * the target, {@code network.*}), everything of ours under {@code pmtu.*}. Pure: no I/O.
 */
public final class DiagnosisDocuments {

    static final String DATASET = "pmtu.diagnosis";

    private DiagnosisDocuments() {
    }

    /** Deterministic id: a replay of the same diagnosis overwrites its document instead of adding one. */
    public static String id(PathDiagnosis d) {
        String run = d.getRunId() != null ? d.getRunId() : "t" + d.getDiagnosedAt().toEpochMilli();
        return d.getPathId() + "|" + run;
    }

    public static Map<String, Object> document(PathDiagnosis d) {
        Map<String, Object> doc = EcsFields.base(Timestamps.iso(d.getDiagnosedAt()), DATASET, "state", id(d));
        Map<String, Object> event = EcsFields.event(doc);
        event.put("start", Timestamps.iso(d.getFirstObservationAt()));
        event.put("end", Timestamps.iso(d.getDiagnosedAt()));
        event.put("severity", EcsFields.level(d.getStatus()));
        event.put("outcome", EcsFields.failing(d.getStatus()) ? "failure" : "success");
        if (!d.getFindings().isEmpty()) {
            doc.put("message", d.getFindings().get(0).getMessage());
        }
        doc.put("observer", EcsFields.observer(d.getAgent()));
        doc.put("destination", EcsFields.destination(d.getTarget()));
        doc.put("network", EcsFields.network(d.getTarget()));
        doc.put("pmtu", pmtu(d));
        return doc;
    }

    private static Map<String, Object> pmtu(PathDiagnosis d) {
        Map<String, Object> pmtu = new LinkedHashMap<>();
        pmtu.put("path_id", d.getPathId());
        putIfNotNull(pmtu, "run_id", d.getRunId());
        pmtu.put("origin", d.getOrigin().name());
        putIfNotNull(pmtu, "pmtu", d.getPmtu());
        pmtu.put("pmtu_source", d.getPmtuSource().name());
        putIfNotNull(pmtu, "local_mtu", d.getLocalMtu());
        Map<String, Object> mss = new LinkedHashMap<>();
        putIfNotNull(mss, "sent", d.getMss().getSent());
        putIfNotNull(mss, "received", d.getMss().getReceived());
        putIfNotNull(mss, "effective", d.getMss().getEffective());
        if (d.getMss().getMethod() != null) {
            mss.put("method", d.getMss().getMethod().name());
        }
        pmtu.put("mss", mss);
        pmtu.put("status", d.getStatus().name());
        pmtu.put("status_level", EcsFields.level(d.getStatus()));
        pmtu.put("failing", EcsFields.failing(d.getStatus()));
        pmtu.put("finding", worstFinding(d));
        pmtu.put("complete", d.getComplete());
        putIfNotNull(pmtu, "incomplete_reason", d.getIncompleteReason());
        pmtu.put("probes_sent", d.getProbesSent());
        pmtu.put("probe_method", d.getProbeMethod().name());
        pmtu.put("invalid_ptb_count", d.getInvalidPtbCount());
        pmtu.put("finding_codes", findingCodes(d));
        pmtu.put("findings", findings(d.getFindings()));
        pmtu.put("mtu_drop_count", d.getMtuDrops().size());
        pmtu.put("mtu_drops", drops(d.getMtuDrops()));
        pmtu.put("hops", hops(d.getHops()));
        if (d.getBlackHole() != null) {
            Map<String, Object> hole = new LinkedHashMap<>();
            hole.put("detected", d.getBlackHole().getDetected());
            putIfNotNull(hole, "last_responding_ttl", d.getBlackHole().getLastRespondingTtl());
            putIfNotNull(hole, "router", d.getBlackHole().getRouter());
            putIfNotNull(hole, "first_silent_ttl", d.getBlackHole().getFirstSilentTtl());
            putIfNotNull(hole, "largest_ok", d.getBlackHole().getLargestOk());
            putIfNotNull(hole, "smallest_lost", d.getBlackHole().getSmallestLost());
            pmtu.put("black_hole", hole);
        }
        if (d.getReturnPath() != null) {
            pmtu.put("return_path", returnPath(d.getReturnPath()));
        }
        if (!d.getEcmpMembers().isEmpty()) {
            pmtu.put("ecmp", ecmp(d.getEcmpMembers()));
        }
        return pmtu;
    }

    /**
     * The equal-cost members (narrowest first), with the narrow and the wide one flattened out so a
     * table can show "which router, which MTU, how many flows" without unpacking arrays.
     */
    private static Map<String, Object> ecmp(List<EcmpMember> members) {
        Map<String, Object> m = new LinkedHashMap<>();
        EcmpMember narrow = members.get(0);
        m.put("member_count", members.size());
        m.put("flows", members.stream().mapToInt(e -> e.getFlows().size()).sum());
        putIfNotNull(m, "narrow_pmtu", narrow.getPmtu());
        putIfNotNull(m, "narrow_router", narrow.getLimitingRouter());
        m.put("narrow_flows", narrow.getFlows().size());
        members.stream().map(EcmpMember::getPmtu).filter(java.util.Objects::nonNull).max(Integer::compare)
                .ifPresent(wide -> m.put("wide_pmtu", wide));
        List<Map<String, Object>> out = new ArrayList<>();
        for (EcmpMember member : members) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("flow", member.getFlow());
            putIfNotNull(e, "source_port", member.getSourcePort());
            e.put("flows", member.getFlows());
            putIfNotNull(e, "pmtu", member.getPmtu());
            putIfNotNull(e, "limiting_router", member.getLimitingRouter());
            e.put("hops", member.getHops().stream().filter(java.util.Objects::nonNull).toList());
            out.add(e);
        }
        m.put("members", out);
        return m;
    }

    private static Map<String, Object> returnPath(ReturnPath rp) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("outcome", rp.getOutcome().name());
        m.put("request", rp.getRequest().name());
        m.put("method", rp.getMethod().name());
        putIfNotNull(m, "target_mss", rp.getTargetMss());
        putIfNotNull(m, "mss_advertised", rp.getMssAdvertised());
        putIfNotNull(m, "largest_segment", rp.getLargestSegment());
        putIfNotNull(m, "largest_packet", rp.getLargestPacket());
        m.put("segments_received", rp.getSegmentsReceived());
        m.put("bytes_received", rp.getBytesReceived());
        m.put("out_of_order_segments", rp.getOutOfOrderSegments());
        putIfNotNull(m, "ptb_mtu", rp.getPtbMtu());
        putIfNotNull(m, "shrank_after_ptb", rp.getShrankAfterPtb());
        putIfNotNull(m, "largest_after_ptb", rp.getLargestAfterPtb());
        // Whether full-size segments stalled, as a field a panel can filter and show directly.
        m.put("stalled", rp.getOutcome() == ReturnPathOutcome.STALLED);
        putIfNotNull(m, "sender", rp.getSender());
        putIfNotNull(m, "ptb_router", rp.getPtbRouter());
        m.put("oversized_after_ptb", rp.getOversizedAfterPtb());
        m.put("duration_ms", rp.getDurationMicros() / 1000.0);
        putIfNotNull(m, "note", rp.getError());
        return m;
    }

    /** Findings are ordered worst first; "OK" when there are none. */
    static String worstFinding(PathDiagnosis d) {
        return d.getFindings().isEmpty() ? "OK" : d.getFindings().get(0).getCode().name();
    }

    static List<String> findingCodes(PathDiagnosis d) {
        List<String> codes = d.getFindings().stream().map(f -> f.getCode().name()).distinct().toList();
        return codes.isEmpty() ? List.of("OK") : codes;
    }

    private static List<Map<String, Object>> findings(List<Finding> findings) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Finding f : findings) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("code", f.getCode().name());
            m.put("severity", f.getSeverity().name());
            m.put("message", f.getMessage());
            putIfNotNull(m, "fix", f.getFix());
            putIfNotNull(m, "hop", f.getHop());
            out.add(m);
        }
        return out;
    }

    private static List<Map<String, Object>> drops(List<MtuDrop> drops) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (MtuDrop drop : drops) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("router", drop.getRouter());
            putIfNotNull(m, "router_ttl", drop.getRouterTtl());
            putIfNotNull(m, "next_hop", drop.getNextHop());
            putIfNotNull(m, "mtu_before", drop.getFromMtu());
            m.put("mtu_after", drop.getToMtu());
            m.put("likely_cause", drop.getLikelyCause());
            out.add(m);
        }
        return out;
    }

    private static List<Map<String, Object>> hops(List<DiagnosedHop> hops) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (DiagnosedHop hop : hops) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ttl", hop.getTtl());
            putIfNotNull(m, "address", hop.getAddress());
            if (hop.getRttMicros() != null) {
                m.put("rtt_ms", hop.getRttMicros() / 1000.0);
            }
            putIfNotNull(m, "path_mtu", hop.getPathMtu());
            m.put("outcome", hop.getOutcome().name());
            out.add(m);
        }
        return out;
    }
}
