package io.pmtuwatch.stream.query;

import java.util.Locale;
import java.util.Set;

/**
 * The list's server-side filters: exact status, agent id, target and finding code, and a free text
 * that must occur in the agent's id, name or location, the target, the path id or a finding code.
 * Empty means "any".
 */
public record PathFilter(String status, String agent, String target, String finding, String text) {

    public static final Set<String> PARAMETERS = Set.of("status", "agent", "target", "finding", "q", "limit", "cursor");

    public static final PathFilter NONE = new PathFilter("", "", "", "", "");

    public static PathFilter from(QueryParams params) {
        String status = params.get("status").toUpperCase(Locale.ROOT);
        if (status.equals("OK")) {
            status = "INFO"; // what the view calls a healthy path
        }
        if (!status.isEmpty() && !PathSummary.STATUSES.contains(status)) {
            throw ApiException.badRequest("status must be one of " + PathSummary.STATUSES + " (OK means INFO), not '"
                    + params.get("status") + "'");
        }
        return new PathFilter(status, params.get("agent"), params.get("target"), ListFilters.finding(params),
                params.get("q").toLowerCase(Locale.ROOT));
    }

    /** The cursors of {@code /paths} under these filters: a page's cursor is refused under others. */
    public Cursor cursor() {
        return Cursor.of("/paths", ListFilters.signature(status, agent, target, finding, text));
    }

    /** True when the summary passes every filter; {@code searchText} is the summary's precomputed text. */
    public boolean matches(PathSummary path, String searchText) {
        return (status.isEmpty() || status.equals(path.status()))
                && (agent.isEmpty() || agent.equals(path.agent()))
                && (target.isEmpty() || target.equals(path.target()))
                && (finding.isEmpty() || path.findings().contains(finding))
                && (text.isEmpty() || searchText.contains(text));
    }
}
