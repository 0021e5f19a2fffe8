package io.pmtuwatch.stream.sink;

import io.pmtuwatch.schemas.MtuDrop;
import io.pmtuwatch.schemas.PathDiagnosis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.pmtuwatch.stream.sink.EcsFields.putIfNotNull;

/**
 * One document per MTU drop of a diagnosis ({@code pmtu-mtu-drops}): flat fields, so Kibana can
 * aggregate "links where the MTU dropped" by link, agent or target without nested queries. Pure.
 */
public final class MtuDropDocuments {

    static final String DATASET = "pmtu.mtu_drop";

    private MtuDropDocuments() {
    }

    /** Deterministic: the diagnosis id and the drop's position on the path. */
    public static String id(PathDiagnosis d, int position) {
        return DiagnosisDocuments.id(d) + "|drop-" + position;
    }

    public static List<Map<String, Object>> documents(PathDiagnosis d) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < d.getMtuDrops().size(); i++) {
            out.add(document(d, i));
        }
        return out;
    }

    public static Map<String, Object> document(PathDiagnosis d, int position) {
        MtuDrop drop = d.getMtuDrops().get(position);
        String linkId = io.pmtuwatch.schemas.LinkIds.of(d, drop);
        Map<String, Object> doc = EcsFields.base(Timestamps.iso(d.getDiagnosedAt()), DATASET, "event", id(d, position));
        Object before = drop.getFromMtu() == null ? "an unknown MTU" : drop.getFromMtu();
        doc.put("message", "MTU drops from " + before + " to " + drop.getToMtu() + " on link " + linkId
                + " (" + drop.getLikelyCause() + ")");
        doc.put("observer", EcsFields.observer(d.getAgent()));
        doc.put("destination", EcsFields.destination(d.getTarget()));
        doc.put("network", EcsFields.network(d.getTarget()));

        Map<String, Object> link = new LinkedHashMap<>();
        link.put("id", linkId);
        link.put("router", drop.getRouter());
        putIfNotNull(link, "router_ttl", drop.getRouterTtl());
        putIfNotNull(link, "next_hop", drop.getNextHop());
        putIfNotNull(link, "mtu_before", drop.getFromMtu());
        link.put("mtu_after", drop.getToMtu());
        if (drop.getFromMtu() != null) {
            link.put("mtu_reduction", drop.getFromMtu() - drop.getToMtu());
        }
        link.put("likely_cause", drop.getLikelyCause());
        link.put("position", position);

        Map<String, Object> pmtu = new LinkedHashMap<>();
        pmtu.put("path_id", d.getPathId());
        putIfNotNull(pmtu, "run_id", d.getRunId());
        pmtu.put("diagnosis_id", DiagnosisDocuments.id(d));
        pmtu.put("status", d.getStatus().name());
        pmtu.put("finding_codes", DiagnosisDocuments.findingCodes(d));
        pmtu.put("link", link);
        doc.put("pmtu", pmtu);
        return doc;
    }
}
