package io.pmtuwatch.stream.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * One page of a list ordered by its items' stable id ({@code GET /links}, {@code GET /anomalies}):
 * the items after the cursor that pass the filter, how many pass it in all, and the next cursor
 * (null on the last page).
 */
public record IdPage(List<JsonNode> items, long matched, String nextCursor) {

    public IdPage {
        items = List.copyOf(items);
    }

    /** A page of {@code all} (any order): sorted by {@code idField}, filtered, after the id {@code after} holds (empty: from the start). */
    public static IdPage of(List<JsonNode> all, String idField, Predicate<JsonNode> filter, Cursor cursor, List<String> after,
                            int limit) {
        List<JsonNode> sorted = new ArrayList<>(all.size());
        for (JsonNode item : all) {
            if (filter.test(item)) {
                sorted.add(item);
            }
        }
        sorted.sort(order(idField));
        String afterId = after.isEmpty() ? null : after.get(0);
        List<JsonNode> items = new ArrayList<>();
        boolean more = false;
        for (JsonNode item : sorted) {
            if (afterId != null && item.path(idField).asText().compareTo(afterId) <= 0) {
                continue;
            }
            if (items.size() == limit) {
                more = true;
                break;
            }
            items.add(item);
        }
        return new IdPage(items, sorted.size(), more ? next(cursor, items, idField) : null);
    }

    /** Several instances' pages (same filter, cursor and limit) as one. */
    public static IdPage merge(List<IdPage> pages, String idField, Cursor cursor, int limit) {
        List<JsonNode> all = new ArrayList<>();
        long matched = 0;
        boolean more = false;
        for (IdPage page : pages) {
            all.addAll(page.items());
            matched += page.matched();
            more |= page.nextCursor() != null;
        }
        all.sort(order(idField));
        more |= all.size() > limit;
        List<JsonNode> items = all.subList(0, Math.min(limit, all.size()));
        return new IdPage(items, matched, more && !items.isEmpty() ? next(cursor, items, idField) : null);
    }

    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        ArrayNode array = node.putArray("items");
        items.forEach(array::add);
        node.put("matched", matched);
        if (nextCursor == null) {
            node.putNull("nextCursor");
        } else {
            node.put("nextCursor", nextCursor);
        }
        return node;
    }

    public static IdPage fromJson(JsonNode node) {
        List<JsonNode> items = new ArrayList<>();
        node.path("items").forEach(items::add);
        return new IdPage(items, node.path("matched").asLong(),
                node.path("nextCursor").isTextual() ? node.path("nextCursor").asText() : null);
    }

    private static Comparator<JsonNode> order(String idField) {
        return Comparator.comparing(item -> item.path(idField).asText());
    }

    private static String next(Cursor cursor, List<JsonNode> items, String idField) {
        return cursor.encode(List.of(items.get(items.size() - 1).path(idField).asText()));
    }
}
