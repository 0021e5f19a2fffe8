package io.pmtuwatch.stream.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * The cursors of one resource under one set of filters. A cursor says where a page ended: the sort
 * key of its last item, as an opaque URL-safe token. The next page starts after that key (keyset
 * paging), so it stays right while items come and go, and any instance can continue a page another
 * instance started. The token also names the resource and a hash of the filters it was made under:
 * sent with other filters or to another resource it would silently give a wrong page, so it is refused.
 *
 * @param resource   e.g. {@code /links}
 * @param filterHash a short hash of the normalised filters (see {@link #of})
 */
public record Cursor(String resource, String filterHash) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The cursors of {@code resource} under filters written canonically as {@code filters}. */
    public static Cursor of(String resource, String filters) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(filters.getBytes(StandardCharsets.UTF_8));
            return new Cursor(resource, HexFormat.of().formatHex(digest, 0, 6));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    public String encode(List<String> key) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        array.add(resource);
        array.add(filterHash);
        key.forEach(array::add);
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MAPPER.writeValueAsBytes(array));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key, or an empty list for "from the start"; a token not made here under these filters is a 400. */
    public List<String> decode(String token, int parts) {
        if (token == null || token.isEmpty()) {
            return List.of();
        }
        List<String> all = parse(token);
        if (all == null || all.size() != parts + 2) {
            throw ApiException.badRequest("cursor '" + token + "' is not one " + resource + " gave out; "
                    + "use the nextCursor of the previous page, or leave it out to start from the first page");
        }
        if (!all.get(0).equals(resource)) {
            throw ApiException.badRequest("this cursor was given out by " + all.get(0) + ", not " + resource
                    + "; use the nextCursor of a " + resource + " page, or leave it out to start from the first page");
        }
        if (!all.get(1).equals(filterHash)) {
            throw ApiException.badRequest("this cursor was given out for other filters; send the same filters as the"
                    + " page it came from, or leave the cursor out to start from the first page with these filters");
        }
        return List.copyOf(all.subList(2, all.size()));
    }

    private static List<String> parse(String token) {
        try {
            JsonNode array = MAPPER.readTree(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
            if (array == null || !array.isArray()) {
                return null;
            }
            List<String> parts = new ArrayList<>(array.size());
            for (JsonNode part : array) {
                if (!part.isTextual()) {
                    return null;
                }
                parts.add(part.asText());
            }
            return parts;
        } catch (IllegalArgumentException | IOException e) {
            return null;
        }
    }
}
