package org.customssentinel.producer.validate;

import static org.customssentinel.producer.Drafts.HEADER;
import static org.customssentinel.producer.Drafts.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;

import org.customssentinel.schemas.declaration.ReasonCode;
import org.customssentinel.schemas.declaration.Violation;
import org.customssentinel.avro.Declaration;
import org.customssentinel.avro.TransportMode;
import org.customssentinel.producer.Drafts;
import org.customssentinel.producer.read.DeclarationDraft;
import org.junit.jupiter.api.Test;

/** One behaviour per rule: each invalid value is rejected with its code, its field and a message naming the value. */
class DeclarationValidatorTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2024-06-01T12:00:00Z"), ZoneOffset.UTC);

    private final DeclarationValidator validator = new DeclarationValidator(NOW);

    private ValidationOutcome validate(String... rows) throws IOException {
        String[] lines = new String[rows.length + 1];
        lines[0] = HEADER;
        System.arraycopy(rows, 0, lines, 1, rows.length);
        List<DeclarationDraft> drafts = Drafts.readCsv(lines);
        assertEquals(1, drafts.size(), "one declaration");
        return validator.validate(drafts.get(0));
    }

    /** A valid row with column {@code column} (0-based) replaced. */
    private static String with(String row, int column, String value) {
        String[] cells = row.split(",", -1);
        cells[column] = value;
        return String.join(",", cells);
    }

    private static void assertRejected(ValidationOutcome outcome, ReasonCode code, String field, String inMessage) {
        assertFalse(outcome.accepted(), "rejected");
        Violation violation = outcome.violations().stream().filter(v -> v.code() == code).findFirst()
                .orElseThrow(() -> new AssertionError("no " + code + " among " + outcome.violations()));
        assertEquals(field, violation.field());
        assertTrue(violation.message().contains(inMessage), () -> "'" + violation.message() + "' lacks '" + inMessage + "'");
    }

    @Test
    void shouldAcceptAValidDeclarationWithItsItemsInOrder() throws IOException {
        ValidationOutcome outcome = validate(row("D1", 1, "854231", "412500.00"), row("D1", 2, "8542 32", "1000.5"));
        assertTrue(outcome.accepted(), () -> outcome.violations().toString());
        Declaration d = outcome.declaration().orElseThrow();
        assertEquals(Instant.parse("2022-03-24T08:15:00Z"), d.getLodgedAt());
        assertEquals(TransportMode.ROAD, d.getTransportMode());
        assertEquals(List.of("854231", "854232"), d.getItems().stream().map(i -> i.getHsCode()).toList());
        assertEquals(new BigDecimal("1000.50"), d.getItems().get(1).getValueUsd());
        assertEquals("CN914403", d.getExporter().getIdentifier());
        assertEquals(null, d.getImporter().getIdentifier());
    }

    @Test
    void shouldNormalizeHsCodesWrittenWithDotsAndSpaces() throws IOException {
        ValidationOutcome outcome = validate(row("D1", 1, "8542.31", "10"));
        assertEquals("854231", outcome.declaration().orElseThrow().getItems().get(0).getHsCode());
    }

    @Test
    void shouldRejectHsCodesThatAreNotSixToTenDigits() throws IOException {
        assertRejected(validate(row("D1", 1, "85AB31", "10")), ReasonCode.INVALID_HS_CODE, "hs_code", "'85AB31'");
        assertRejected(new DeclarationValidator(NOW).validate(Drafts.readCsv(HEADER, row("D1", 1, "85423", "10")).get(0)),
                ReasonCode.INVALID_HS_CODE, "hs_code", "'85423'");
        assertRejected(new DeclarationValidator(NOW).validate(Drafts.readCsv(HEADER, row("D1", 1, "85423100001", "10")).get(0)),
                ReasonCode.INVALID_HS_CODE, "hs_code", "not 6 to 10 digits");
    }

    @Test
    void shouldRejectCountriesNotOnTheIsoList() throws IOException {
        assertRejected(validate(with(row("D1", 1, "854231", "10"), 11, "XX")), ReasonCode.INVALID_COUNTRY,
                "country_of_dispatch", "'XX' is not an ISO 3166-1 alpha-2");
    }

    @Test
    void shouldRejectMissingRequiredFields() throws IOException {
        assertRejected(validate(with(row("D1", 1, "854231", "10"), 4, "")), ReasonCode.MISSING_FIELD, "exporter_name",
                "exporter_name is required");
    }

    @Test
    void shouldRejectNonNumericNegativeAndOversizedAmounts() throws IOException {
        assertRejected(validate(with(row("D1", 1, "854231", "10"), 20, "abc")), ReasonCode.NOT_NUMERIC, "net_mass_kg", "'abc'");
        assertRejected(new DeclarationValidator(NOW).validate(Drafts.readCsv(HEADER, with(row("D1", 1, "854231", "10"), 18, "-3")).get(0)),
                ReasonCode.NEGATIVE_NUMBER, "quantity", "-3 is negative");
        assertRejected(new DeclarationValidator(NOW).validate(Drafts.readCsv(HEADER, row("D1", 1, "854231", "NaN")).get(0)),
                ReasonCode.NOT_NUMERIC, "value_usd", "'NaN'");
        assertRejected(new DeclarationValidator(NOW).validate(Drafts.readCsv(HEADER, row("D1", 1, "854231", "12345678901234567")).get(0)),
                ReasonCode.OUT_OF_RANGE, "value_usd", "too large");
    }

    @Test
    void shouldReadDatesAsMidnightUtcAndRejectUnparseableOnes() throws IOException {
        ValidationOutcome date = validate(with(row("D1", 1, "854231", "10"), 2, "2022-03-24"));
        assertEquals(Instant.parse("2022-03-24T00:00:00Z"), date.declaration().orElseThrow().getLodgedAt());
        assertRejected(new DeclarationValidator(NOW).validate(Drafts.readCsv(HEADER, with(row("D1", 1, "854231", "10"), 2, "24/03/2022")).get(0)),
                ReasonCode.INVALID_DATE, "lodged_at", "'24/03/2022'");
    }

    @Test
    void shouldReadPlainUtcInstantsAsTheGeneralParserDoes() {
        Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            Instant instant = Instant.ofEpochSecond(-631_152_000L + (long) (random.nextDouble() * 2_600_000_000L));
            assertEquals(instant, DeclarationValidator.parseInstant(instant.toString()), instant.toString());
        }
        assertEquals(Instant.parse("2024-02-29T23:59:59Z"), DeclarationValidator.parseInstant("2024-02-29T23:59:59Z"));
        for (String impossible : List.of("2023-02-29T00:00:00Z", "2022-13-01T00:00:00Z", "2022-04-31T00:00:00Z", "2022-03-24T24:00:00Z",
                "2022-03-24T08:60:00Z", "2022-03-24T08:15:60Z", "2022-03-24T08:1x:00Z")) {
            assertThrows(DateTimeParseException.class, () -> DeclarationValidator.parseInstant(impossible), impossible);
        }
    }

    @Test
    void shouldRejectDatesBefore1950OrMoreThanADayAhead() throws IOException {
        assertRejected(validate(with(row("D1", 1, "854231", "10"), 2, "1949-12-31")), ReasonCode.IMPLAUSIBLE_DATE, "lodged_at", "1949-12-31");
        assertRejected(new DeclarationValidator(NOW).validate(Drafts.readCsv(HEADER, with(row("D1", 1, "854231", "10"), 2, "2024-06-02T12:00:01Z")).get(0)),
                ReasonCode.IMPLAUSIBLE_DATE, "lodged_at", "more than a day in the future");
        assertTrue(new DeclarationValidator(NOW).validate(Drafts.readCsv(HEADER, with(row("D1", 1, "854231", "10"), 2, "2024-06-02T11:59:59Z")).get(0)).accepted());
    }

    @Test
    void shouldRejectUnknownDeclarationTypesAndTransportModes() throws IOException {
        assertRejected(validate(with(row("D1", 1, "854231", "10"), 1, "SMUGGLE")), ReasonCode.INVALID_ENUM, "declaration_type", "'SMUGGLE'");
        assertRejected(new DeclarationValidator(NOW).validate(Drafts.readCsv(HEADER, with(row("D1", 1, "854231", "10"), 14, "CAMEL")).get(0)),
                ReasonCode.INVALID_ENUM, "transport_mode", "'CAMEL'");
        assertEquals(TransportMode.AIR, new DeclarationValidator(NOW).validate(
                Drafts.readCsv(HEADER, with(row("D1", 1, "854231", "10"), 14, "4")).get(0)).declaration().orElseThrow().getTransportMode());
    }

    @Test
    void shouldRejectBadAndRepeatedItemNumbers() throws IOException {
        assertRejected(validate(row("D1", 0, "854231", "10")), ReasonCode.INVALID_ITEM_NUMBER, "item_no", "'0'");
        assertRejected(new DeclarationValidator(NOW).validate(Drafts.readCsv(HEADER, row("D1", 1, "854231", "10"), row("D1", 1, "854232", "10")).get(0)),
                ReasonCode.DUPLICATE_ITEM_NUMBER, "item_no", "item number 1 appears twice");
    }

    @Test
    void shouldRejectTheWholeDeclarationWithEveryReasonWhenAnyItemIsInvalid() throws IOException {
        ValidationOutcome outcome = validate(row("D1", 1, "854231", "10"), with(with(row("D1", 2, "85AB31", "10"), 20, "-1"), 11, "CN"));
        assertFalse(outcome.accepted());
        assertEquals(List.of(ReasonCode.INVALID_HS_CODE, ReasonCode.NEGATIVE_NUMBER),
                outcome.violations().stream().map(Violation::code).toList());
        assertTrue(outcome.violations().get(0).message().startsWith("item 2:"), outcome.violations().get(0).message());
    }

    @Test
    void shouldRejectAnIdThatReappearsAfterAnotherDeclaration() throws IOException {
        List<DeclarationDraft> drafts = Drafts.readCsv(HEADER, row("D1", 1, "854231", "10"), row("D2", 1, "854231", "10"), row("D1", 1, "854231", "10"));
        assertEquals(3, drafts.size());
        assertTrue(validator.validate(drafts.get(0)).accepted());
        assertTrue(validator.validate(drafts.get(1)).accepted());
        assertRejected(validator.validate(drafts.get(2)), ReasonCode.DUPLICATE_DECLARATION, "declaration_id", "D1 appeared earlier");
    }

    @Test
    void shouldRejectRowsOfOneDeclarationThatDisagree() throws IOException {
        assertRejected(validate(row("D1", 1, "854231", "10"), with(row("D1", 2, "854232", "10"), 7, "OOO Drugoy")),
                ReasonCode.INCONSISTENT_DECLARATION, "importer_name", "disagree on importer_name");
    }
}
