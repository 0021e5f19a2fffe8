package io.pmtuwatch.stream.sink;

import io.pmtuwatch.schemas.PathDiagnosis;

import java.util.LinkedHashMap;
import java.util.Map;

import static io.pmtuwatch.stream.sink.EcsFields.putIfNotNull;

/**
 * The latest-state document of a path ({@code pmtu-paths}, id = path id): what "paths failing now"
 * and the agent x target grid read; the newest diagnosis (by {@code diagnosedAt}) wins, so a replay or a
 * late retry of an older run never rolls it back. {@code pmtu.status_since} ("failing since") comes
 * from the diagnosis, where the topology set it from the path's previous state. Pure.
 */
public final class PathStatusDocuments {

    static final String DATASET = "pmtu.path_status";

    private PathStatusDocuments() {
    }

    public static String id(PathDiagnosis d) {
        return d.getPathId();
    }

    public static long version(PathDiagnosis d) {
        return d.getDiagnosedAt().toEpochMilli();
    }

    public static Map<String, Object> document(PathDiagnosis d) {
        Map<String, Object> doc = EcsFields.base(Timestamps.iso(d.getDiagnosedAt()), DATASET, "state", id(d));
        EcsFields.event(doc).put("severity", EcsFields.level(d.getStatus()));
        if (!d.getFindings().isEmpty()) {
            doc.put("message", d.getFindings().get(0).getMessage());
        }
        doc.put("observer", EcsFields.observer(d.getAgent()));
        doc.put("destination", EcsFields.destination(d.getTarget()));
        doc.put("network", EcsFields.network(d.getTarget()));
        Map<String, Object> pmtu = new LinkedHashMap<>();
        pmtu.put("path_id", d.getPathId());
        putIfNotNull(pmtu, "run_id", d.getRunId());
        pmtu.put("diagnosis_id", DiagnosisDocuments.id(d));
        putIfNotNull(pmtu, "pmtu", d.getPmtu());
        if (d.getMss().getEffective() != null) {
            pmtu.put("mss", Map.of("effective", d.getMss().getEffective()));
        }
        pmtu.put("status", d.getStatus().name());
        pmtu.put("status_level", EcsFields.level(d.getStatus()));
        if (d.getStatusSince() != null) {
            pmtu.put("status_since", Timestamps.iso(d.getStatusSince()));
        }
        pmtu.put("failing", EcsFields.failing(d.getStatus()));
        pmtu.put("finding", DiagnosisDocuments.worstFinding(d));
        pmtu.put("finding_codes", DiagnosisDocuments.findingCodes(d));
        doc.put("pmtu", pmtu);
        return doc;
    }
}
