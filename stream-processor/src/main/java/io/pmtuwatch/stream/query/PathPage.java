package io.pmtuwatch.stream.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One page of {@code GET /paths}: the paths after the cursor that pass the filters, in list order;
 * how many paths pass the filters in all; the whole fleet's count per status; the most common agents,
 * targets and finding codes (for the filters' choices); and the cursor of the next page, null on the
 * last one.
 */
public record PathPage(List<PathSummary> items, long matched, Map<String, Long> totals, List<Facet> agents,
                       List<Facet> targets, List<Facet> findings, String nextCursor) {

    /** How many agents and targets a page offers as filter choices. */
    public static final int FACETS = 100;

    public PathPage {
        items = List.copyOf(items);
        Map<String, Long> every = new LinkedHashMap<>();
        for (String status : PathSummary.STATUSES) {
            every.put(status, totals.getOrDefault(status, 0L)); // every status, 0 included: one shape everywhere
        }
        totals = java.util.Collections.unmodifiableMap(every);
    }

    /**
     * The page across instances: each instance's own page (same filters, cursor and limit, so each
     * holds at least what the merged page needs from it), merged in list order.
     */
    public static PathPage merge(List<PathPage> pages, Cursor cursor, int limit) {
        List<PathSummary> all = new ArrayList<>();
        long matched = 0;
        boolean more = false;
        Map<String, Long> totals = new LinkedHashMap<>();
        List<Facet> agents = new ArrayList<>();
        List<Facet> targets = new ArrayList<>();
        List<Facet> findings = new ArrayList<>();
        for (PathPage page : pages) {
            all.addAll(page.items());
            matched += page.matched();
            more |= page.nextCursor() != null;
            page.totals().forEach((status, n) -> totals.merge(status, n, Long::sum));
            agents.addAll(page.agents());
            targets.addAll(page.targets());
            findings.addAll(page.findings());
        }
        all.sort(PathSummary.ORDER);
        more |= all.size() > limit;
        List<PathSummary> items = all.subList(0, Math.min(limit, all.size()));
        String next = more && !items.isEmpty() ? cursor.encode(items.get(items.size() - 1).key()) : null;
        return new PathPage(items, matched, totals, Facet.top(agents, FACETS), Facet.top(targets, FACETS),
                Facet.top(findings, Integer.MAX_VALUE), next);
    }

    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        ArrayNode array = node.putArray("items");
        items.forEach(item -> array.add(item.toJson()));
        node.put("matched", matched);
        ObjectNode byStatus = node.putObject("totals");
        long all = 0;
        for (String status : PathSummary.STATUSES) {
            long n = totals.getOrDefault(status, 0L);
            byStatus.put(status, n);
            all += n;
        }
        byStatus.put("all", all);
        ObjectNode facets = node.putObject("facets");
        facets.set("agents", Facet.toJson(agents));
        facets.set("targets", Facet.toJson(targets));
        facets.set("findings", Facet.toJson(findings));
        if (nextCursor == null) {
            node.putNull("nextCursor");
        } else {
            node.put("nextCursor", nextCursor);
        }
        return node;
    }

    public static PathPage fromJson(JsonNode node) {
        List<PathSummary> items = new ArrayList<>();
        node.path("items").forEach(item -> items.add(PathSummary.fromJson(item)));
        Map<String, Long> totals = new LinkedHashMap<>();
        for (String status : PathSummary.STATUSES) {
            totals.put(status, node.path("totals").path(status).asLong());
        }
        JsonNode facets = node.path("facets");
        return new PathPage(items, node.path("matched").asLong(), totals, Facet.fromJson(facets.path("agents")),
                Facet.fromJson(facets.path("targets")), Facet.fromJson(facets.path("findings")),
                node.path("nextCursor").isTextual() ? node.path("nextCursor").asText() : null);
    }
}
