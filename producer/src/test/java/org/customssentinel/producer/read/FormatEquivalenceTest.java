package org.customssentinel.producer.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.customssentinel.avro.Declaration;
import org.customssentinel.producer.Drafts;
import org.customssentinel.producer.generate.ScenarioGenerator;
import org.customssentinel.producer.validate.DeclarationValidator;
import org.customssentinel.producer.validate.ValidationOutcome;
import org.customssentinel.producer.write.DeclarationWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same declarations written as CSV and as JSON Lines read back identical, and identical to what was written. */
class FormatEquivalenceTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2024-06-01T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void shouldReadTheSameDeclarationsFromCsvAndJsonLines() throws IOException {
        List<Declaration> written = new ArrayList<>();
        ScenarioGenerator.create("chpl-surge", 7, LocalDate.of(2022, 9, 15), LocalDate.of(2022, 9, 17), 0.3)
                .declarations().forEachRemaining(written::add);
        assertTrue(written.size() > 50, "a few days of a scenario: " + written.size());

        List<Declaration> fromCsv = roundTrip(written, dir.resolve("week.csv"));
        List<Declaration> fromJsonl = roundTrip(written, dir.resolve("week.jsonl.gz"));
        assertEquals(written, fromCsv);
        assertEquals(fromCsv, fromJsonl);
    }

    private static List<Declaration> roundTrip(List<Declaration> declarations, Path file) throws IOException {
        try (DeclarationWriter writer = DeclarationWriter.open(file)) {
            for (Declaration declaration : declarations) {
                writer.write(declaration);
            }
        }
        DeclarationValidator validator = new DeclarationValidator(NOW);
        List<Declaration> read = new ArrayList<>();
        for (DeclarationDraft draft : Drafts.readAll(SourceFiles.open(file))) {
            ValidationOutcome outcome = validator.validate(draft);
            assertTrue(outcome.accepted(), () -> draft.position() + ": " + outcome.violations());
            read.add(outcome.declaration().orElseThrow());
        }
        return read;
    }
}
