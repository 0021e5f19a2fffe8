package io.pmtuwatch.stream.query;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** A request's query string, decoded, with the checks every paged resource shares. */
public final class QueryParams {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    private final Map<String, String> values;

    private QueryParams(Map<String, String> values) {
        this.values = values;
    }

    /** Parses a raw (still encoded) query string; a repeated name keeps its last value. */
    public static QueryParams parse(String rawQuery) {
        Map<String, String> values = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                values.put(name, eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        return new QueryParams(values);
    }

    public static QueryParams of(Map<String, String> values) {
        return new QueryParams(new LinkedHashMap<>(values));
    }

    /** Refuses names the resource does not know, so a misspelt filter is not silently ignored. */
    public QueryParams allow(String resource, Set<String> known) {
        for (String name : values.keySet()) {
            if (!known.contains(name)) {
                throw ApiException.badRequest("unknown parameter '" + name + "' for " + resource + "; known: "
                        + String.join(", ", known.stream().sorted().toList()));
            }
        }
        return this;
    }

    /** The value, or "" when absent. */
    public String get(String name) {
        return values.getOrDefault(name, "").trim();
    }

    public String format() {
        return values.get("format");
    }

    public int limit() {
        String raw = get("limit");
        if (raw.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(raw);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("limit must be a whole number from 1 to " + MAX_LIMIT + ", not '" + raw + "'");
    }

    /** The query string again, encoded, with {@code limit} replaced (what a forwarded request carries). */
    public String encodeWithLimit(int limit) {
        StringBuilder out = new StringBuilder();
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.put("limit", Integer.toString(limit));
        copy.forEach((name, value) -> {
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(encode(name)).append('=').append(encode(value));
        });
        return out.toString();
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("the query string has a malformed %-escape: '" + value + "'");
        }
    }
}
