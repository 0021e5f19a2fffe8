package io.pmtuwatch.stream.sink.kibana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The answer of Kibana's {@code POST /api/saved_objects/_import}: how many objects went in and, per
 * refused object, why ({@code conflict}, {@code missing_references}, {@code unsupported_type},
 * {@code unknown}...). Pure parsing, so every error shape is tested without a Kibana.
 */
public record ImportResult(boolean success, int successCount, List<ObjectError> errors) {

    /** One object Kibana refused. */
    public record ObjectError(String type, String id, String title, String errorType, String detail) {
        @Override
        public String toString() {
            return type + " '" + (title.isEmpty() ? id : title) + "' (" + id + "): " + errorType
                    + (detail.isEmpty() ? "" : " - " + detail);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    public static ImportResult parse(String body) throws IOException {
        JsonNode root = JSON.readTree(body);
        List<ObjectError> errors = new ArrayList<>();
        for (JsonNode e : root.path("errors")) {
            JsonNode error = e.path("error");
            errors.add(new ObjectError(e.path("type").asText(), e.path("id").asText(),
                    e.path("meta").path("title").asText(e.path("title").asText()), error.path("type").asText("unknown"),
                    detail(error)));
        }
        return new ImportResult(root.path("success").asBoolean(false), root.path("successCount").asInt(0), errors);
    }

    private static String detail(JsonNode error) {
        List<String> parts = new ArrayList<>();
        if (error.hasNonNull("message")) {
            parts.add(error.path("message").asText());
        }
        for (JsonNode ref : error.path("references")) {
            parts.add("missing " + ref.path("type").asText() + " " + ref.path("id").asText());
        }
        if (error.hasNonNull("statusCode")) {
            parts.add("status " + error.path("statusCode").asText());
        }
        return String.join("; ", parts);
    }

    /** A report for people: what was refused and what usually fixes it. */
    public String describeErrors() {
        StringBuilder text = new StringBuilder();
        for (ObjectError error : errors) {
            text.append("\n  - ").append(error).append(hint(error.errorType()));
        }
        return text.toString();
    }

    private static String hint(String errorType) {
        return switch (errorType) {
            case "missing_references" -> " (import the whole pmtu-watch.ndjson, not single objects)";
            case "unsupported_type" -> " (this Kibana is older than 8.19 or lacks the Lens/dashboard plugin)";
            case "conflict", "ambiguous_conflict" -> " (import with overwrite=true; the setup command does)";
            default -> "";
        };
    }
}
