package org.customssentinel.schemas.json;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/** Avro records as JSON a person or another tool reads: field names as in the schema, ISO-8601 times, decimals as numbers. */
public final class AvroJson {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private AvroJson() {
    }

    public static JsonNode of(Object value) {
        if (value == null) {
            return JSON.nullNode();
        }
        if (value instanceof IndexedRecord record) {
            ObjectNode node = JSON.objectNode();
            for (Schema.Field field : record.getSchema().getFields()) {
                node.set(field.name(), of(record.get(field.pos())));
            }
            return node;
        }
        if (value instanceof List<?> list) {
            ArrayNode array = JSON.arrayNode();
            list.forEach(item -> array.add(of(item)));
            return array;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode node = JSON.objectNode();
            map.forEach((k, v) -> node.set(String.valueOf(k), of(v)));
            return node;
        }
        if (value instanceof BigDecimal decimal) {
            return JSON.numberNode(decimal);
        }
        if (value instanceof Double d) {
            return JSON.numberNode(d);
        }
        if (value instanceof Long l) {
            return JSON.numberNode(l);
        }
        if (value instanceof Integer i) {
            return JSON.numberNode(i);
        }
        if (value instanceof Boolean b) {
            return JSON.booleanNode(b);
        }
        if (value instanceof Instant || value instanceof LocalDate) {
            return JSON.textNode(value.toString());
        }
        if (value instanceof ByteBuffer bytes) {
            return JSON.binaryNode(bytes.duplicate().array());
        }
        return JSON.textNode(String.valueOf(value));
    }
}
