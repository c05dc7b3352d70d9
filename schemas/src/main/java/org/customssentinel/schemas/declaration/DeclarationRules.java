package org.customssentinel.schemas.declaration;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.customssentinel.avro.Declaration;
import org.customssentinel.avro.GoodsItem;
import org.customssentinel.avro.Party;

/**
 * What a declaration must satisfy beyond its Avro schema, checked on the decoded record: by the producer before it
 * publishes, and again by the streams app on everything it reads, since anything can write to the topic.
 *
 * <p>The limits keep one declaration small enough to pass every topic of the pipeline (an enriched declaration adds
 * its classifications): at most {@value #MAX_ITEMS} goods items (the EU customs data model's limit) and texts of at
 * most {@value #MAX_TEXT} characters (its goods description's).
 */
public final class DeclarationRules {

    public static final int MAX_ITEMS = 999;
    public static final int MAX_TEXT = 512;
    /** Declarations lodged before this are taken to be data errors. */
    public static final Instant EARLIEST = Instant.parse("1950-01-01T00:00:00Z");
    /** How far ahead of the clock a lodged time may be: clocks differ, a year's do not. */
    public static final Duration LATEST_AHEAD = Duration.ofDays(1);
    private static final int DECIMAL_PRECISION = 18;

    private DeclarationRules() {
    }

    /** Everything wrong with {@code declaration}, judged at {@code now}; empty when it may be counted. */
    public static List<Violation> check(Declaration declaration, Instant now) {
        List<Violation> violations = new ArrayList<>();
        text(declaration.getDeclarationId(), "declarationId", "declaration", violations);
        Instant lodged = declaration.getLodgedAt();
        if (lodged.isBefore(EARLIEST) || lodged.isAfter(now.plus(LATEST_AHEAD))) {
            violations.add(new Violation(ReasonCode.IMPLAUSIBLE_DATE, "lodgedAt " + lodged + " is before 1950 or more than a day"
                    + " ahead of " + now, "lodgedAt"));
        }
        party(declaration.getDeclarant(), "declarant", violations);
        party(declaration.getExporter(), "exporter", violations);
        party(declaration.getImporter(), "importer", violations);
        country(declaration.getCountryOfOrigin(), "countryOfOrigin", violations);
        country(declaration.getCountryOfDispatch(), "countryOfDispatch", violations);
        country(declaration.getCountryOfDestination(), "countryOfDestination", violations);
        if (declaration.getCustomsOffice() != null) {
            text(declaration.getCustomsOffice(), "customsOffice", "declaration", violations);
        }
        items(declaration.getItems(), violations);
        return violations;
    }

    private static void items(List<GoodsItem> items, List<Violation> violations) {
        if (items.isEmpty()) {
            violations.add(new Violation(ReasonCode.NO_ITEMS, "a declaration needs at least one goods item", "items"));
            return;
        }
        if (items.size() > MAX_ITEMS) {
            // Reported once, without checking each: a corrupt record can carry millions.
            violations.add(new Violation(ReasonCode.TOO_MANY_ITEMS, items.size() + " goods items, at most " + MAX_ITEMS
                    + " are allowed", "items"));
            return;
        }
        Set<Integer> numbers = new HashSet<>();
        for (GoodsItem item : items) {
            String where = "item " + item.getItemNumber();
            if (item.getItemNumber() < 1) {
                violations.add(new Violation(ReasonCode.INVALID_ITEM_NUMBER, where + ": item numbers start at 1", "itemNumber"));
            } else if (!numbers.add(item.getItemNumber())) {
                violations.add(new Violation(ReasonCode.DUPLICATE_ITEM_NUMBER, where + " appears twice in the declaration", "itemNumber"));
            }
            if (!HsCode.isDigits(item.getHsCode())) {
                violations.add(new Violation(ReasonCode.INVALID_HS_CODE, where + ": hsCode '" + shortened(item.getHsCode())
                        + "' is not 6 to 10 digits", "hsCode"));
            }
            text(item.getDescription(), "description", where, violations);
            if (item.getUnit() != null) {
                text(item.getUnit(), "unit", where, violations);
            }
            amount(item.getQuantity(), "quantity", where, violations);
            amount(item.getNetMassKg(), "netMassKg", where, violations);
            amount(item.getValueUsd(), "valueUsd", where, violations);
        }
    }

    private static void party(Party party, String role, List<Violation> violations) {
        text(party.getName(), "name", role, violations);
        if (party.getIdentifier() != null) {
            text(party.getIdentifier(), "identifier", role, violations);
        }
        if (party.getCountry() != null) {
            country(party.getCountry(), role + ".country", violations);
        }
    }

    private static void country(String code, String field, List<Violation> violations) {
        if (!CountryCodes.isValid(code)) {
            violations.add(new Violation(ReasonCode.INVALID_COUNTRY, field + " '" + shortened(code)
                    + "' is not an ISO 3166-1 alpha-2 country code", field));
        }
    }

    private static void text(String value, String field, String where, List<Violation> violations) {
        if (value.isBlank()) {
            violations.add(new Violation(ReasonCode.MISSING_FIELD, where + ": " + field + " is empty", field));
        } else if (value.length() > MAX_TEXT) {
            violations.add(new Violation(ReasonCode.TOO_LARGE, where + ": " + field + " has " + value.length()
                    + " characters, at most " + MAX_TEXT + " are allowed", field));
        }
    }

    /** Non-negative, and within the contract's 18 digits (whatever scale another writer's schema gave it). */
    private static void amount(BigDecimal value, String field, String where, List<Violation> violations) {
        if (value.signum() < 0) {
            violations.add(new Violation(ReasonCode.NEGATIVE_NUMBER, where + ": " + field + " " + value.toPlainString()
                    + " is negative", field));
        } else if (value.precision() > DECIMAL_PRECISION || value.scale() > DECIMAL_PRECISION || value.scale() < 0) {
            violations.add(new Violation(ReasonCode.OUT_OF_RANGE, where + ": " + field + " has " + value.precision()
                    + " digits at scale " + value.scale() + ", beyond the contract's " + DECIMAL_PRECISION, field));
        }
    }

    private static String shortened(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
