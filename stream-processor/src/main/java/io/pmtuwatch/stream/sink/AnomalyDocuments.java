package io.pmtuwatch.stream.sink;

import io.pmtuwatch.schemas.AnomalyState;
import io.pmtuwatch.schemas.AnomalyWindow;
import io.pmtuwatch.schemas.SubjectType;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.pmtuwatch.stream.sink.EcsFields.putIfNotNull;

/**
 * One document per anomaly window ({@code pmtu-anomalies}, id = window id). Every OPENED, UPDATED
 * and CLOSED record overwrites it, the newest (by {@code updatedAt}) winning. Agents, targets and IP
 * version are taken from the path ids, so dashboard controls filter anomalies too. Pure.
 */
public final class AnomalyDocuments {

    static final String DATASET = "pmtu.anomaly";

    private AnomalyDocuments() {
    }

    public static String id(AnomalyWindow w) {
        return w.getId();
    }

    /** External version: a late or replayed older state never replaces a newer one. */
    public static long version(AnomalyWindow w) {
        return w.getUpdatedAt().toEpochMilli();
    }

    public static Map<String, Object> document(AnomalyWindow w) {
        Map<String, Object> doc = EcsFields.base(Timestamps.iso(w.getUpdatedAt()), DATASET, "event", id(w));
        Map<String, Object> event = EcsFields.event(doc);
        event.put("start", Timestamps.iso(w.getStart()));
        if (w.getEnd() != null) {
            event.put("end", Timestamps.iso(w.getEnd()));
        }
        doc.put("message", w.getMessage());

        Set<String> paths = new LinkedHashSet<>(w.getPaths());
        if (w.getSubjectType() == SubjectType.PATH) {
            paths.add(w.getSubject());
        }
        List<PathIdParts> parts = paths.stream().flatMap(p -> PathIdParts.parse(p).stream()).toList();
        Set<String> agents = new LinkedHashSet<>(w.getAgents());
        parts.forEach(p -> agents.add(p.agentId()));
        if (!agents.isEmpty()) {
            doc.put("observer", EcsFields.observers(agents));
        }
        putTargets(doc, parts);

        Map<String, Object> anomaly = new LinkedHashMap<>();
        anomaly.put("id", w.getId());
        anomaly.put("kind", w.getKind().name());
        anomaly.put("state", w.getState().name());
        anomaly.put("open", w.getState() != AnomalyState.CLOSED && w.getEnd() == null);
        anomaly.put("subject_type", w.getSubjectType().name());
        anomaly.put("subject", w.getSubject());
        anomaly.put("count", w.getCount());
        if (w.getFindingCode() != null) {
            anomaly.put("finding_code", w.getFindingCode().name());
        }
        putIfNotNull(anomaly, "baseline_pmtu", w.getBaselinePmtu());
        putIfNotNull(anomaly, "worst_pmtu", w.getWorstPmtu());
        anomaly.put("changes", w.getChanges());
        anomaly.put("duration_s",
                Duration.between(w.getStart(), w.getEnd() != null ? w.getEnd() : w.getUpdatedAt()).toSeconds());

        Map<String, Object> pmtu = new LinkedHashMap<>();
        if (!paths.isEmpty()) {
            pmtu.put("path_id", List.copyOf(paths));
        }
        if (w.getFindingCode() != null) {
            pmtu.put("finding_codes", List.of(w.getFindingCode().name()));
        }
        pmtu.put("anomaly", anomaly);
        doc.put("pmtu", pmtu);
        return doc;
    }

    /** destination.ip and network.type as arrays over the paths involved (targets of a link-wide anomaly). */
    static void putTargets(Map<String, Object> doc, List<PathIdParts> parts) {
        if (parts.isEmpty()) {
            return;
        }
        doc.put("destination", Map.of("ip", parts.stream().map(PathIdParts::address).distinct().toList()));
        doc.put("network", Map.of("type", parts.stream().map(PathIdParts::networkType).distinct().toList()));
    }
}
