package io.pmtuwatch.stream.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Where a page ended: the sort key of its last item, as an opaque URL-safe token. The next page
 * starts after that key (keyset paging), so it stays right while paths come and go, and any
 * instance can continue a page another instance started.
 */
public final class Cursor {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Cursor() {
    }

    public static String encode(List<String> key) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        key.forEach(array::add);
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MAPPER.writeValueAsBytes(array));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key, or an empty list for "from the start"; a token this API did not make is a 400. */
    public static List<String> decode(String token, int parts) {
        if (token == null || token.isEmpty()) {
            return List.of();
        }
        try {
            JsonNode array = MAPPER.readTree(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
            if (array != null && array.isArray() && array.size() == parts) {
                List<String> key = new ArrayList<>(parts);
                for (JsonNode part : array) {
                    if (!part.isTextual()) {
                        break;
                    }
                    key.add(part.asText());
                }
                if (key.size() == parts) {
                    return key;
                }
            }
        } catch (IllegalArgumentException | IOException e) {
            // answered below
        }
        throw ApiException.badRequest("cursor '" + token + "' is not one this resource gave out; "
                + "use the nextCursor of the previous page, or leave it out to start from the first page");
    }
}
