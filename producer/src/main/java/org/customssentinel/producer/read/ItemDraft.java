package org.customssentinel.producer.read;

import java.util.Map;

/** One goods item as read, its values still text. */
public record ItemDraft(long line, Map<String, String> fields) {

    public ItemDraft {
        fields = Map.copyOf(fields);
    }

    /** The value of a column, empty string when absent. */
    public String get(String column) {
        return fields.getOrDefault(column, "");
    }
}
