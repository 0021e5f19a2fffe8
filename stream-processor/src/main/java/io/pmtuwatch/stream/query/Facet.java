package io.pmtuwatch.stream.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One value a filter can take (an agent, a target, a finding code), how it reads, and how many paths have it. */
public record Facet(String value, String label, long count) {

    /** Most paths first, then by value: the filters offer the values that matter most. */
    static final Comparator<Facet> ORDER = Comparator.comparingLong(Facet::count).reversed().thenComparing(Facet::value);

    /** Adds up counts of the same value (several instances' facets) and keeps the {@code max} largest. */
    static List<Facet> top(Collection<Facet> facets, int max) {
        Map<String, Facet> sums = new HashMap<>();
        for (Facet facet : facets) {
            sums.merge(facet.value(), facet, (a, b) -> new Facet(a.value(), a.label().isEmpty() ? b.label() : a.label(),
                    a.count() + b.count()));
        }
        List<Facet> sorted = new ArrayList<>(sums.values());
        sorted.sort(ORDER);
        return List.copyOf(sorted.subList(0, Math.min(max, sorted.size())));
    }

    static ArrayNode toJson(List<Facet> facets) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (Facet facet : facets) {
            array.addObject().put("value", facet.value()).put("label", facet.label()).put("count", facet.count());
        }
        return array;
    }

    static List<Facet> fromJson(JsonNode array) {
        List<Facet> facets = new ArrayList<>();
        array.forEach(node -> facets.add(new Facet(node.path("value").asText(), node.path("label").asText(""),
                node.path("count").asLong())));
        return facets;
    }
}
