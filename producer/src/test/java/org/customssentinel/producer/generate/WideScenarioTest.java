package org.customssentinel.producer.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.customssentinel.avro.Declaration;
import org.customssentinel.producer.Drafts;
import org.customssentinel.producer.read.DeclarationDraft;
import org.customssentinel.producer.read.SourceFiles;
import org.customssentinel.producer.validate.DeclarationValidator;
import org.customssentinel.producer.validate.ValidationOutcome;
import org.customssentinel.producer.write.DeclarationWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scale benchmark's input: N distinct flows, the count asked for, in event-time order, valid for `produce`. */
class WideScenarioTest {

    private static final Set<String> LISTED = Set.of("854231", "854232", "854233", "854239");

    @TempDir
    Path dir;

    private static List<Declaration> generate(long seed, int flows, long count) {
        List<Declaration> all = new ArrayList<>();
        new WideScenario(seed, flows, count, WideScenario.defaultFrom(), WideScenario.defaultTo()).declarations().forEachRemaining(all::add);
        return all;
    }

    /** As the streams app's standard flows: country of dispatch, of destination, HS-6. */
    private static String flowOf(Declaration d) {
        return d.getCountryOfDispatch() + "|" + d.getCountryOfDestination() + "|" + d.getItems().get(0).getHsCode().substring(0, 6);
    }

    @Test
    void shouldSpreadTheDeclarationsOverExactlyTheFlowsAsked() {
        List<Declaration> declarations = generate(42, 2_000, 40_000);
        assertEquals(40_000, declarations.size());
        Set<String> flows = new HashSet<>();
        declarations.forEach(d -> flows.add(flowOf(d)));
        // 20 declarations per flow on average: every flow is drawn (a miss has odds of e^-20).
        assertEquals(2_000, flows.size());
    }

    @Test
    void shouldGiveControlledGoodsToOneFlowInTenOfTheFirstFortyThousand() {
        Set<String> controlled = new HashSet<>();
        Set<String> all = new HashSet<>();
        for (Declaration d : generate(42, 10_000, 200_000)) {
            all.add(flowOf(d));
            if (LISTED.contains(d.getItems().get(0).getHsCode())) {
                controlled.add(flowOf(d));
            }
        }
        assertEquals(10_000, all.size());
        assertEquals(1_000, controlled.size());
    }

    @Test
    void shouldEmitInEventTimeOrderWithUniqueIdsAndTheSameForTheSameSeed() {
        List<Declaration> first = generate(7, 500, 5_000);
        assertEquals(first, generate(7, 500, 5_000));
        assertNotEquals(first, generate(8, 500, 5_000));
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < first.size(); i++) {
            assertTrue(ids.add(first.get(i).getDeclarationId()), "unique id " + first.get(i).getDeclarationId());
            if (i > 0) {
                assertTrue(!first.get(i).getLodgedAt().isBefore(first.get(i - 1).getLodgedAt()), "event-time order at " + i);
            }
        }
        assertTrue(first.get(0).getLodgedAt().equals(Instant.parse("2021-01-01T00:00:00Z")));
        assertTrue(first.get(first.size() - 1).getLodgedAt().isBefore(Instant.parse("2023-01-01T00:00:00Z")));
    }

    @Test
    void shouldWriteDeclarationsThatProduceAccepts() throws IOException {
        List<Declaration> written = generate(42, 100, 300);
        Path file = dir.resolve("wide.csv.gz");
        try (DeclarationWriter writer = DeclarationWriter.open(file)) {
            for (Declaration d : written) {
                writer.write(d);
            }
        }
        DeclarationValidator validator = new DeclarationValidator(Clock.fixed(Instant.parse("2024-01-01T00:00:00Z"), ZoneOffset.UTC));
        List<Declaration> read = new ArrayList<>();
        for (DeclarationDraft draft : Drafts.readAll(SourceFiles.open(file))) {
            ValidationOutcome outcome = validator.validate(draft);
            assertTrue(outcome.accepted(), () -> draft.position() + ": " + outcome.violations());
            read.add(outcome.declaration().orElseThrow());
        }
        assertEquals(written, read);
    }

    @Test
    void shouldRefuseFlowCountsItCannotMakeDistinct() {
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> new WideScenario(1, WideScenario.MAX_FLOWS + 1, 10, LocalDate.of(2021, 1, 1), LocalDate.of(2021, 12, 31)));
        assertTrue(tooMany.getMessage().contains("--flows must be between 1 and 1000000"), tooMany.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new WideScenario(1, 10, 0, LocalDate.of(2021, 1, 1), LocalDate.of(2021, 12, 31)));
    }
}
