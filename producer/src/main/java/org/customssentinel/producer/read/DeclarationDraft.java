package org.customssentinel.producer.read;

import java.util.List;
import java.util.Map;

import org.customssentinel.schemas.declaration.Violation;

/**
 * A declaration as read, before validation: declaration-level values as text, its items, the raw text it came
 * from, and anything already wrong with how it was written (malformed CSV or JSON, rows that disagree).
 */
public record DeclarationDraft(SourcePosition position, String rawText, Map<String, String> fields,
                               List<ItemDraft> items, List<Violation> readProblems) {

    public DeclarationDraft {
        fields = Map.copyOf(fields);
        items = List.copyOf(items);
        readProblems = List.copyOf(readProblems);
    }

    /** A record that could not be read at all. */
    public static DeclarationDraft unreadable(SourcePosition position, String rawText, Violation problem) {
        return new DeclarationDraft(position, rawText, Map.of(), List.of(), List.of(problem));
    }

    public String get(String column) {
        return fields.getOrDefault(column, "");
    }
}
