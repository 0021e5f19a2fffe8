package io.pmtuwatch.stream.sink;

import io.pmtuwatch.schemas.Agent;
import io.pmtuwatch.schemas.IpVersion;
import io.pmtuwatch.schemas.Severity;
import io.pmtuwatch.schemas.Target;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builders for the ECS parts shared by every pmtu-* document (see the pmtu-ecs component template). */
final class EcsFields {

    static final String ECS_VERSION = "8.11.0";

    private EcsFields() {
    }

    /** A document with {@code @timestamp}, {@code ecs.version} and {@code event.*} set. */
    static Map<String, Object> base(String timestamp, String dataset, String kind, String id) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("@timestamp", timestamp);
        doc.put("ecs", Map.of("version", ECS_VERSION));
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("kind", kind);
        event.put("category", List.of("network"));
        event.put("type", List.of("info"));
        event.put("module", "pmtu");
        event.put("dataset", dataset);
        event.put("id", id);
        doc.put("event", event);
        return doc;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> event(Map<String, Object> doc) {
        return (Map<String, Object>) doc.get("event");
    }

    static Map<String, Object> observer(Agent agent) {
        Map<String, Object> observer = new LinkedHashMap<>();
        observer.put("id", agent.getId());
        observer.put("type", "pmtu-probe");
        putIfNotNull(observer, "name", agent.getName());
        if (agent.getLocation() != null) {
            observer.put("geo", Map.of("name", agent.getLocation()));
        }
        return observer;
    }

    /** Observer of a record that names several agents (anomalies, links): ids only. */
    static Map<String, Object> observers(Collection<String> agentIds) {
        Map<String, Object> observer = new LinkedHashMap<>();
        observer.put("id", List.copyOf(agentIds));
        observer.put("type", "pmtu-probe");
        return observer;
    }

    static Map<String, Object> destination(Target target) {
        Map<String, Object> destination = new LinkedHashMap<>();
        destination.put("address", target.getHost());
        // ECS: domain only when the target was configured by name.
        if (!target.getHost().equals(target.getAddress())) {
            destination.put("domain", target.getHost());
        }
        destination.put("ip", target.getAddress());
        destination.put("port", target.getPort());
        return destination;
    }

    static Map<String, Object> network(Target target) {
        return Map.of("type", networkType(target.getIpVersion()),
                "transport", target.getTransport().name().toLowerCase(Locale.ROOT));
    }

    static String networkType(IpVersion version) {
        return version == IpVersion.IPV6 ? "ipv6" : "ipv4";
    }

    /** Numeric severity, so Kibana can colour a grid and sort by worst: OK/INFO 0, WARNING 1, CRITICAL 2. */
    static int level(Severity severity) {
        return switch (severity) {
            case INFO -> 0;
            case WARNING -> 1;
            case CRITICAL -> 2;
            default -> -1;
        };
    }

    static boolean failing(Severity severity) {
        return severity == Severity.WARNING || severity == Severity.CRITICAL;
    }

    static void putIfNotNull(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
