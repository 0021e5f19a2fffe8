package io.pmtuwatch.stream.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pmtuwatch.schemas.Finding;
import io.pmtuwatch.schemas.PathDiagnosis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * One line of the path list: enough to find the broken paths, and the order of every page (worst
 * status first, then agent, target and path id, so the order is total and stable).
 */
public record PathSummary(String pathId, String agent, String agentName, String agentLocation, String target,
                          String runId, String diagnosedAt, Integer pmtu, String status, boolean complete,
                          List<String> findings) {

    public static final List<String> STATUSES = List.of("CRITICAL", "WARNING", "INFO", "UNKNOWN");

    /** The list order; the cursor carries the same four parts. */
    public static final Comparator<PathSummary> ORDER = Comparator.comparingInt((PathSummary p) -> -p.rank())
            .thenComparing(PathSummary::agent).thenComparing(PathSummary::target).thenComparing(PathSummary::pathId);

    public PathSummary {
        agent = nonNull(agent);
        agentName = nonNull(agentName);
        agentLocation = nonNull(agentLocation);
        target = nonNull(target);
        findings = List.copyOf(findings);
    }

    public static PathSummary of(PathDiagnosis d) {
        List<String> codes = new ArrayList<>(d.getFindings().size());
        for (Finding finding : d.getFindings()) {
            codes.add(finding.getCode().name());
        }
        return new PathSummary(d.getPathId(), d.getAgent().getId(), d.getAgent().getName(), d.getAgent().getLocation(),
                d.getTarget().getHost() + " (" + d.getTarget().getAddress() + ")", d.getRunId(),
                d.getDiagnosedAt().toString(), d.getPmtu(), d.getStatus().name(), d.getComplete(), codes);
    }

    /** CRITICAL 3, WARNING 2, INFO 1, anything else 0. */
    public int rank() {
        return rank(status);
    }

    public static int rank(String status) {
        return switch (status) {
            case "CRITICAL" -> 3;
            case "WARNING" -> 2;
            case "INFO" -> 1;
            default -> 0;
        };
    }

    /** The sort key as the cursor carries it. */
    public List<String> key() {
        return List.of(Integer.toString(rank()), agent, target, pathId);
    }

    /** A cursor of {@code GET /paths} under {@code cursor}'s filters as its key (empty: from the start). */
    public static List<String> cursorKey(Cursor cursor, String token) {
        List<String> key = cursor.decode(token, 4);
        if (!key.isEmpty() && !key.get(0).matches("[0-3]")) {
            throw ApiException.badRequest("cursor '" + token + "' is not one /paths gave out; leave it out to start again");
        }
        return key;
    }

    /** Compares this summary with a cursor's key (from {@link #key()}). */
    public int compareToKey(List<String> key) {
        int byRank = Integer.compare(Integer.parseInt(key.get(0)), rank()); // descending
        if (byRank != 0) {
            return byRank;
        }
        int byAgent = agent.compareTo(key.get(1));
        if (byAgent != 0) {
            return byAgent;
        }
        int byTarget = target.compareTo(key.get(2));
        return byTarget != 0 ? byTarget : pathId.compareTo(key.get(3));
    }

    /** What the free-text filter searches: ids, names, location, target and finding codes, lower case. */
    public String searchText() {
        return (agent + ' ' + agentName + ' ' + agentLocation + ' ' + target + ' ' + pathId + ' '
                + String.join(" ", findings)).toLowerCase(Locale.ROOT);
    }

    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("pathId", pathId);
        // The id holds '|', which a URL path must carry as %7C: href is ready to use.
        node.put("href", "/paths/" + QueryParams.encode(pathId));
        node.put("agent", agent);
        // Names and locations are what operators recognise; the id stays the key filters use.
        node.put("agentName", agentName);
        node.put("agentLocation", agentLocation);
        node.put("target", target);
        node.put("runId", runId);
        node.put("diagnosedAt", diagnosedAt);
        if (pmtu == null) {
            node.putNull("pmtu");
        } else {
            node.put("pmtu", pmtu);
        }
        node.put("status", status);
        node.put("complete", complete);
        findings.forEach(node.putArray("findings")::add);
        return node;
    }

    /** Reads back {@link #toJson()} (another instance's page). */
    public static PathSummary fromJson(JsonNode node) {
        List<String> codes = new ArrayList<>();
        node.path("findings").forEach(code -> codes.add(code.asText()));
        return new PathSummary(node.path("pathId").asText(), node.path("agent").asText(), node.path("agentName").asText(""),
                node.path("agentLocation").asText(""), node.path("target").asText(), node.path("runId").asText(),
                node.path("diagnosedAt").asText(), node.path("pmtu").isNumber() ? node.path("pmtu").asInt() : null,
                node.path("status").asText(), node.path("complete").asBoolean(), codes);
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }
}
