package org.customssentinel.producer.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.customssentinel.producer.Drafts;
import org.customssentinel.producer.validate.DeclarationValidator;
import org.customssentinel.schemas.declaration.ReasonCode;
import org.customssentinel.producer.validate.ValidationOutcome;
import org.junit.jupiter.api.Test;

class JsonlDeclarationReaderTest {

    private static final String GOOD = "{\"declarationId\":\"J1\",\"declarationType\":\"IMPORT\",\"lodgedAt\":1648109700000,"
            + "\"declarant\":\"OOO Tamozhenny Broker Alfa\",\"exporter\":{\"name\":\"Shenzhen Huaxin Electronics Co.\",\"country\":\"CN\"},"
            + "\"importer\":{\"name\":\"OOO Tekhnopark Vostok\"},\"countryOfOrigin\":\"CN\",\"countryOfDispatch\":\"CN\","
            + "\"countryOfDestination\":\"RU\",\"items\":[{\"itemNumber\":1,\"hsCode\":\"8542.31\",\"description\":\"Processors\","
            + "\"quantity\":1200,\"unit\":\"pcs\",\"netMassKg\":8.4,\"valueUsd\":412500.10}]}";

    private final DeclarationValidator validator = new DeclarationValidator(Clock.fixed(Instant.parse("2024-06-01T00:00:00Z"), ZoneOffset.UTC));

    private static List<DeclarationDraft> read(String... lines) throws IOException {
        return Drafts.readAll(SourceFiles.jsonl("test.jsonl", new BufferedReader(new StringReader(String.join("\n", lines)))));
    }

    @Test
    void shouldReadEpochMillisPartiesAsTextOrObjectsAndExactDecimals() throws IOException {
        ValidationOutcome outcome = validator.validate(read(GOOD).get(0));
        assertTrue(outcome.accepted(), () -> outcome.violations().toString());
        assertEquals(Instant.parse("2022-03-24T08:15:00Z"), outcome.declaration().orElseThrow().getLodgedAt());
        assertEquals("412500.10", outcome.declaration().orElseThrow().getItems().get(0).getValueUsd().toPlainString());
        assertEquals("OOO Tamozhenny Broker Alfa", outcome.declaration().orElseThrow().getDeclarant().getName());
    }

    @Test
    void shouldRejectAMalformedLineAndReadOn() throws IOException {
        List<DeclarationDraft> drafts = read(GOOD, "{\"declarationId\": \"J2\", ", GOOD.replace("J1", "J3"));
        assertEquals(3, drafts.size());
        assertEquals(ReasonCode.MALFORMED_JSON, drafts.get(1).readProblems().get(0).code());
        assertTrue(drafts.get(1).readProblems().get(0).message().startsWith("line 2: "), drafts.get(1).readProblems().get(0).message());
        assertEquals(new SourcePosition("test.jsonl", 3, 3), drafts.get(2).position());
    }

    @Test
    void shouldRejectADeclarationWithoutItems() throws IOException {
        ValidationOutcome outcome = validator.validate(read(GOOD.replaceAll("\"items\":\\[.*\\]", "\"items\":[]")).get(0));
        assertEquals(List.of(ReasonCode.NO_ITEMS), outcome.violations().stream().map(v -> v.code()).toList());
        assertEquals("a declaration needs at least one goods item", outcome.violations().get(0).message());
    }

    @Test
    void shouldRejectItemsThatAreNotAnArray() throws IOException {
        ValidationOutcome outcome = validator.validate(read(GOOD.replaceAll("\"items\":\\[.*\\]", "\"items\":\"many\"")).get(0));
        assertTrue(outcome.violations().stream().anyMatch(v -> v.code() == ReasonCode.MALFORMED_JSON && v.message().equals("items must be an array")),
                outcome.violations().toString());
    }
}
