package io.pmtuwatch.stream.sink;

import io.pmtuwatch.schemas.LinkMtu;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.pmtuwatch.stream.sink.EcsFields.putIfNotNull;

/**
 * One document per link where the MTU drops, across all agents ({@code pmtu-links}, id = link id),
 * the newest report (by {@code lastSeen}) winning. Pure.
 */
public final class LinkDocuments {

    static final String DATASET = "pmtu.link";

    private LinkDocuments() {
    }

    public static String id(LinkMtu link) {
        return link.getLinkId();
    }

    public static long version(LinkMtu link) {
        return link.getLastSeen().toEpochMilli();
    }

    public static Map<String, Object> document(LinkMtu l) {
        Map<String, Object> doc = EcsFields.base(Timestamps.iso(l.getLastSeen()), DATASET, "state", id(l));
        Map<String, Object> event = EcsFields.event(doc);
        event.put("start", Timestamps.iso(l.getFirstSeen()));
        event.put("end", Timestamps.iso(l.getLastSeen()));
        doc.put("message", "Link " + l.getLinkId() + " has MTU " + l.getMtu() + " (" + l.getLikelyCause() + "), crossed by "
                + l.getPathCount() + " paths of " + l.getAgentCount() + " agents");

        List<PathIdParts> parts = l.getPaths().stream().flatMap(p -> PathIdParts.parse(p).stream()).toList();
        Set<String> agents = new LinkedHashSet<>(l.getAgents());
        parts.forEach(p -> agents.add(p.agentId()));
        if (!agents.isEmpty()) {
            doc.put("observer", EcsFields.observers(agents));
        }
        AnomalyDocuments.putTargets(doc, parts);
        // The link's own IP version is authoritative for network.type.
        Map<String, Object> network = new LinkedHashMap<>();
        network.put("type", EcsFields.networkType(l.getIpVersion()));
        doc.put("network", network);

        Map<String, Object> link = new LinkedHashMap<>();
        link.put("id", l.getLinkId());
        link.put("router", l.getRouter());
        putIfNotNull(link, "next_hop", l.getNextHop());
        putIfNotNull(link, "mtu_before", l.getFromMtu());
        link.put("mtu_after", l.getMtu());
        if (l.getFromMtu() != null) {
            link.put("mtu_reduction", l.getFromMtu() - l.getMtu());
        }
        link.put("likely_cause", l.getLikelyCause());
        link.put("path_count", l.getPathCount());
        link.put("agent_count", l.getAgentCount());
        link.put("first_seen", Timestamps.iso(l.getFirstSeen()));
        link.put("last_seen", Timestamps.iso(l.getLastSeen()));

        Map<String, Object> pmtu = new LinkedHashMap<>();
        if (!l.getPaths().isEmpty()) {
            pmtu.put("path_id", List.copyOf(l.getPaths()));
        }
        pmtu.put("link", link);
        doc.put("pmtu", pmtu);
        return doc;
    }
}
