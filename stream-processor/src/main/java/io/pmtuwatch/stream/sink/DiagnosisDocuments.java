package io.pmtuwatch.stream.sink;

import io.pmtuwatch.schemas.DiagnosedHop;
import io.pmtuwatch.schemas.Finding;
import io.pmtuwatch.schemas.MtuDrop;
import io.pmtuwatch.schemas.PathDiagnosis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps a {@link PathDiagnosis} to its Elasticsearch document: ECS fields where ECS has a name for
 * the thing ({@code @timestamp}, {@code observer.*} for the agent, {@code destination.*} for the
 * target, {@code network.*}), everything of ours under {@code pmtu.*}.
 */
public final class DiagnosisDocuments {

    private DiagnosisDocuments() {
    }

    /** Deterministic id: a replay of the same diagnosis overwrites its document instead of adding one. */
    public static String id(PathDiagnosis d) {
        String run = d.getRunId() != null ? d.getRunId() : "t" + d.getDiagnosedAt().toEpochMilli();
        return d.getPathId() + "|" + run;
    }

    public static Map<String, Object> document(PathDiagnosis d) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("@timestamp", d.getDiagnosedAt().toString());
        doc.put("event", Map.of("kind", "state", "dataset", "pmtu.diagnosis", "id", id(d)));

        Map<String, Object> observer = new LinkedHashMap<>();
        observer.put("id", d.getAgent().getId());
        putIfNotNull(observer, "name", d.getAgent().getName());
        if (d.getAgent().getLocation() != null) {
            observer.put("geo", Map.of("name", d.getAgent().getLocation()));
        }
        doc.put("observer", observer);

        doc.put("destination", Map.of(
                "address", d.getTarget().getHost(),
                "ip", d.getTarget().getAddress(),
                "port", d.getTarget().getPort()));
        doc.put("network", Map.of(
                "type", d.getTarget().getIpVersion().name().toLowerCase(Locale.ROOT),
                "transport", d.getTarget().getTransport().name().toLowerCase(Locale.ROOT)));

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
        pmtu.put("complete", d.getComplete());
        putIfNotNull(pmtu, "incomplete_reason", d.getIncompleteReason());
        pmtu.put("probes_sent", d.getProbesSent());
        pmtu.put("invalid_ptb_count", d.getInvalidPtbCount());
        pmtu.put("finding_codes", d.getFindings().stream().map(f -> f.getCode().name()).distinct().toList());
        pmtu.put("findings", findings(d.getFindings()));
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
        doc.put("pmtu", pmtu);
        return doc;
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
            m.put("from_mtu", drop.getFromMtu());
            m.put("to_mtu", drop.getToMtu());
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

    private static void putIfNotNull(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
