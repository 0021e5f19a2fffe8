package io.pmtuwatch.stream.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/** Avro records as plain JSON for the query API: field names as in the schema, timestamps as ISO-8601, enums as names, no union wrappers. */
public final class AvroJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AvroJson() {
    }

    public static JsonNode toJson(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof GenericRecord record) {
            ObjectNode node = NODES.objectNode();
            for (Schema.Field field : record.getSchema().getFields()) {
                node.set(field.name(), toJson(record.get(field.pos())));
            }
            return node;
        }
        if (value instanceof Collection<?> items) {
            ArrayNode array = NODES.arrayNode();
            items.forEach(item -> array.add(toJson(item)));
            return array;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode node = NODES.objectNode();
            map.forEach((k, v) -> node.set(String.valueOf(k), toJson(v)));
            return node;
        }
        if (value instanceof Instant instant) {
            return NODES.textNode(instant.toString());
        }
        if (value instanceof Integer i) {
            return NODES.numberNode(i);
        }
        if (value instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (value instanceof Double d) {
            return NODES.numberNode(d);
        }
        if (value instanceof Float f) {
            return NODES.numberNode(f);
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        return NODES.textNode(value.toString()); // CharSequence, enums
    }
}
