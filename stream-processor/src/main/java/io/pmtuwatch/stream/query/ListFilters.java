package io.pmtuwatch.stream.query;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/** The server-side filters of {@code /links} and {@code /anomalies} (empty means "any"). */
final class ListFilters {

    static final Set<String> LINK_PARAMETERS = Set.of("q", "limit", "cursor");
    static final Set<String> ANOMALY_PARAMETERS = Set.of("kind", "finding", "agent", "path", "q", "limit", "cursor");

    private ListFilters() {
    }

    /** Links: free text in the link id, routers and likely cause. */
    static Predicate<JsonNode> links(QueryParams params) {
        String text = params.get("q").toLowerCase(Locale.ROOT);
        return link -> text.isEmpty() || link.toString().toLowerCase(Locale.ROOT).contains(text);
    }

    /** Anomaly windows: kind, finding code, an agent or path among the window's, free text. */
    static Predicate<JsonNode> anomalies(QueryParams params) {
        String kind = params.get("kind").toUpperCase(Locale.ROOT);
        String finding = params.get("finding").toUpperCase(Locale.ROOT);
        String agent = params.get("agent");
        String path = params.get("path");
        String text = params.get("q").toLowerCase(Locale.ROOT);
        return window -> (kind.isEmpty() || kind.equals(window.path("kind").asText()))
                && (finding.isEmpty() || finding.equals(window.path("findingCode").asText()))
                && (agent.isEmpty() || contains(window.path("agents"), agent))
                && (path.isEmpty() || contains(window.path("paths"), path) || path.equals(window.path("subject").asText()))
                && (text.isEmpty() || window.toString().toLowerCase(Locale.ROOT).contains(text));
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode item : array) {
            if (value.equals(item.asText())) {
                return true;
            }
        }
        return false;
    }
}
