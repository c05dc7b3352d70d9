package org.customssentinel.streams.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.customssentinel.avro.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a verdict's body may hold: it lands on a topic that every instance and the analysts' exports read. */
class TriageRequestTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static TriageRequest parse(String body) {
        return TriageRequest.parse(body.getBytes(StandardCharsets.UTF_8), JSON);
    }

    @Test
    void shouldReadAVerdictInAnyCaseWithItsNoteStripped() {
        assertEquals(new TriageRequest(Verdict.CONFIRMED, "seized at Brest"), parse("{\"verdict\":\"confirmed\",\"note\":\"  seized at Brest \\n\"}"));
        assertEquals(new TriageRequest(Verdict.DISMISSED, ""), parse("{\"verdict\":\"DISMISSED\"}"));
        assertEquals(new TriageRequest(Verdict.INSPECTING, "line one\nline two"), parse("{\"verdict\":\"Inspecting\",\"note\":\"line one\\nline two\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not json|body is not JSON",
            "[\"CONFIRMED\"]|must be a JSON object",
            "{}|verdict is required",
            "{\"verdict\":3}|verdict is required",
            "{\"verdict\":\"CLOSED\"}|unknown verdict 'CLOSED': one of INSPECTING, CONFIRMED, DISMISSED",
            "{\"verdict\":\"CONFIRMED\",\"by\":\"mallory\"}|unknown field 'by'",
            "{\"verdict\":\"CONFIRMED\",\"note\":7}|note must be a string",
            "{\"verdict\":\"CONFIRMED\",\"note\":\"bell\\u0007\"}|control character (U+0007)"})
    void shouldRefuseWhatIsNotAVerdictSayingWhy(String body, String reason) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> parse(body));
        assertTrue(refused.getMessage().contains(reason), refused.getMessage());
    }

    @Test
    void shouldBoundTheNote() {
        assertEquals(TriageRequest.MAX_NOTE, new TriageRequest(Verdict.CONFIRMED, "n".repeat(TriageRequest.MAX_NOTE)).note().length());
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new TriageRequest(Verdict.CONFIRMED, "n".repeat(TriageRequest.MAX_NOTE + 1)));
        assertTrue(refused.getMessage().contains("at most 1000"), refused.getMessage());
    }
}
