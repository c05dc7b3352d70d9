package org.customssentinel.streams.triage;

import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.customssentinel.avro.Verdict;

/**
 * A verdict as a person sends it: {@code {"verdict": "CONFIRMED", "note": "..."}}. Checked strictly, since it ends up
 * on a topic every instance and the analysts' exports read: nothing but these two fields, a known verdict, a note of at
 * most {@link #MAX_NOTE} characters with no control characters but line breaks and tabs.
 */
public record TriageRequest(Verdict verdict, String note) {

    public static final int MAX_NOTE = 1_000;
    /** A request body larger than this is refused before it is read. */
    public static final int MAX_BODY_BYTES = 4_096;

    public TriageRequest {
        if (verdict == null) {
            throw new IllegalArgumentException("verdict is required: one of " + verdicts());
        }
        note = note == null ? "" : note.strip();
        if (note.length() > MAX_NOTE) {
            throw new IllegalArgumentException("note has " + note.length() + " characters; at most " + MAX_NOTE);
        }
        for (int i = 0; i < note.length(); i++) {
            char c = note.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\t') {
                throw new IllegalArgumentException("note holds a control character (U+" + String.format(Locale.ROOT, "%04X", (int) c) + ")");
            }
        }
    }

    /** Parses a JSON body; an {@link IllegalArgumentException} says what is wrong with it. */
    public static TriageRequest parse(byte[] body, ObjectMapper json) {
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("body is not JSON: expected {\"verdict\": \"" + verdicts() + "\", \"note\": \"...\"}");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("body must be a JSON object: {\"verdict\": \"...\", \"note\": \"...\"}");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("verdict") && !name.equals("note")) {
                throw new IllegalArgumentException("unknown field '" + name + "': only verdict and note");
            }
        }
        JsonNode verdict = node.get("verdict");
        JsonNode note = node.get("note");
        if (verdict == null || !verdict.isTextual()) {
            throw new IllegalArgumentException("verdict is required, a string: one of " + verdicts());
        }
        if (note != null && !note.isNull() && !note.isTextual()) {
            throw new IllegalArgumentException("note must be a string");
        }
        return new TriageRequest(parseVerdict(verdict.asText()), note == null || note.isNull() ? "" : note.asText());
    }

    /** A verdict as typed, in any case. */
    public static Verdict parseVerdict(String spelled) {
        try {
            return Verdict.valueOf(spelled.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown verdict '" + spelled + "': one of " + verdicts());
        }
    }

    private static String verdicts() {
        return String.join(", ", Arrays.stream(Verdict.values()).map(Enum::name).toList());
    }
}
