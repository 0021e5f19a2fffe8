package io.pmtuwatch.stream.query;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The counts every page of the path list carries (paths by status, agent, target and finding code),
 * kept up to date path by path as paths come, change and go, so a rebuild after a few changes costs
 * those few paths rather than a pass over all of them. An agent's label is set by whoever knows the
 * list order ({@link PathIndex}: the name on the agent's first path).
 */
final class PathCounts {

    private final Map<String, long[]> statuses = new HashMap<>();
    private final Map<String, long[]> agents = new HashMap<>();
    private final Map<String, long[]> targets = new HashMap<>();
    private final Map<String, long[]> findings = new HashMap<>();
    private final Map<String, String> agentNames = new HashMap<>();

    void add(PathSummary path) {
        count(statuses, path.status(), 1);
        count(agents, path.agent(), 1);
        count(targets, path.target(), 1);
        path.findings().forEach(code -> count(findings, code, 1));
    }

    void remove(PathSummary path) {
        count(statuses, path.status(), -1);
        if (count(agents, path.agent(), -1) == 0) {
            agentNames.remove(path.agent());
        }
        count(targets, path.target(), -1);
        path.findings().forEach(code -> count(findings, code, -1));
    }

    boolean hasAgent(String agent) {
        return agents.containsKey(agent);
    }

    void nameAgent(String agent, String name) {
        agentNames.put(agent, name);
    }

    Map<String, Long> totals() {
        Map<String, Long> out = new HashMap<>();
        statuses.forEach((status, n) -> out.put(status, n[0]));
        return out;
    }

    List<Facet> agents() {
        return facets(agents, agentNames, PathPage.FACETS);
    }

    List<Facet> targets() {
        return facets(targets, Map.of(), PathPage.FACETS);
    }

    List<Facet> findings() {
        return facets(findings, Map.of(), Integer.MAX_VALUE);
    }

    /** Adds {@code delta} to the value's count and returns the new count; a value counted 0 times is gone. */
    private static long count(Map<String, long[]> counts, String value, long delta) {
        long[] n = counts.computeIfAbsent(value, k -> new long[1]);
        n[0] += delta;
        if (n[0] == 0) {
            counts.remove(value);
        }
        return n[0];
    }

    private static List<Facet> facets(Map<String, long[]> counts, Map<String, String> labels, int max) {
        List<Facet> all = new ArrayList<>(counts.size());
        counts.forEach((value, n) -> all.add(new Facet(value, labels.getOrDefault(value, ""), n[0])));
        all.sort(Facet.ORDER);
        return List.copyOf(all.subList(0, Math.min(max, all.size())));
    }
}
