package io.pmtuwatch.stream.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.pmtuwatch.schemas.AnomalyKind;
import io.pmtuwatch.schemas.FindingCode;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/** The server-side filters of {@code /links} and {@code /anomalies} (empty means "any"). */
final class ListFilters {

    static final Set<String> LINK_PARAMETERS = Set.of("q", "limit", "cursor");
    static final Set<String> ANOMALY_PARAMETERS = Set.of("kind", "finding", "agent", "path", "q", "limit", "cursor");
    /** The fields whose values {@code q} searches: ids and names, never the field names or numbers. */
    static final List<String> LINK_TEXT_FIELDS = List.of("linkId", "router", "nextHop", "likelyCause", "agents", "paths");
    static final List<String> ANOMALY_TEXT_FIELDS = List.of("id", "kind", "subject", "findingCode", "agents", "paths");

    private static final List<String> FINDINGS = names(FindingCode.values());
    private static final List<String> KINDS = names(AnomalyKind.values());

    private ListFilters() {
    }

    /** A list's filter: which items pass, and the cursors that belong to it. */
    record Filter(Predicate<JsonNode> test, Cursor cursor) {
    }

    /** Links: free text in the link id, routers, likely cause, agents and paths. */
    static Filter links(QueryParams params) {
        String text = params.get("q").toLowerCase(Locale.ROOT);
        return new Filter(link -> text.isEmpty() || valuesContain(link, LINK_TEXT_FIELDS, text),
                Cursor.of("/links", signature(text)));
    }

    /** Anomaly windows: kind, finding code, an agent or path among the window's, free text. */
    static Filter anomalies(QueryParams params) {
        String kind = choice(params, "kind", KINDS);
        String finding = finding(params);
        String agent = params.get("agent");
        String path = params.get("path");
        String text = params.get("q").toLowerCase(Locale.ROOT);
        Predicate<JsonNode> test = window -> (kind.isEmpty() || kind.equals(window.path("kind").asText()))
                && (finding.isEmpty() || finding.equals(window.path("findingCode").asText()))
                && (agent.isEmpty() || contains(window.path("agents"), agent))
                && (path.isEmpty() || contains(window.path("paths"), path) || path.equals(window.path("subject").asText()))
                && (text.isEmpty() || valuesContain(window, ANOMALY_TEXT_FIELDS, text));
        return new Filter(test, Cursor.of("/anomalies", signature(kind, finding, agent, path, text)));
    }

    /** The {@code finding} parameter as a finding code (upper case), "" when absent; an unknown code is a 400. */
    static String finding(QueryParams params) {
        return choice(params, "finding", FINDINGS);
    }

    /** Normalised filter values written unambiguously (a JSON array), for a cursor's filter hash. */
    static String signature(String... values) {
        var array = JsonNodeFactory.instance.arrayNode();
        Arrays.stream(values).forEach(array::add);
        return array.toString();
    }

    /** True when {@code text} (lower case) occurs in the value of one of the fields, or of an item of one of them. */
    static boolean valuesContain(JsonNode item, List<String> fields, String text) {
        for (String field : fields) {
            JsonNode value = item.path(field);
            if (value.isArray()) {
                for (JsonNode element : value) {
                    if (element.isTextual() && element.asText().toLowerCase(Locale.ROOT).contains(text)) {
                        return true;
                    }
                }
            } else if (value.isTextual() && value.asText().toLowerCase(Locale.ROOT).contains(text)) {
                return true;
            }
        }
        return false;
    }

    private static String choice(QueryParams params, String name, List<String> known) {
        String value = params.get(name).toUpperCase(Locale.ROOT);
        if (!value.isEmpty() && !known.contains(value)) {
            throw ApiException.badRequest(name + " must be one of " + known + ", not '"
                    + params.get(name) + "'");
        }
        return value;
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
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
