package org.customssentinel.producer.validate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.customssentinel.schemas.declaration.ReasonCode;
import org.customssentinel.schemas.declaration.Violation;
import org.customssentinel.schemas.declaration.HsCode;
import org.customssentinel.schemas.declaration.CountryCodes;
import org.customssentinel.schemas.declaration.DeclarationRules;
import org.customssentinel.avro.Declaration;
import org.customssentinel.avro.DeclarationType;
import org.customssentinel.avro.GoodsItem;
import org.customssentinel.avro.Party;
import org.customssentinel.avro.TransportMode;
import org.customssentinel.producer.read.Columns;
import org.customssentinel.producer.read.DeclarationDraft;
import org.customssentinel.producer.read.ItemDraft;

/**
 * Turns a draft into a {@link Declaration}, or says everything that is wrong with it. A declaration with any
 * invalid item is rejected whole. One validator per run: it remembers ids to reject duplicates.
 */
public final class DeclarationValidator {

    private final Clock clock;
    private final SeenIds seen = new SeenIds();

    public DeclarationValidator(Clock clock) {
        this.clock = clock;
    }

    public ValidationOutcome validate(DeclarationDraft draft) {
        List<Violation> violations = new ArrayList<>(draft.readProblems());
        if (draft.fields().isEmpty()) {
            return ValidationOutcome.rejected(violations, Optional.empty());
        }
        String id = required(draft, Columns.DECLARATION_ID, violations);
        DeclarationType type = enumValue(draft.get(Columns.DECLARATION_TYPE), Columns.DECLARATION_TYPE, DeclarationType.class, violations);
        Optional<Instant> lodgedAt = lodgedAt(draft.get(Columns.LODGED_AT), violations);
        String declarant = required(draft, Columns.DECLARANT_NAME, violations);
        String exporter = required(draft, Columns.EXPORTER_NAME, violations);
        String importer = required(draft, Columns.IMPORTER_NAME, violations);
        String exporterCountry = optionalCountry(draft, Columns.EXPORTER_COUNTRY, violations);
        String importerCountry = optionalCountry(draft, Columns.IMPORTER_COUNTRY, violations);
        String origin = country(draft, Columns.COUNTRY_OF_ORIGIN, violations);
        String dispatch = country(draft, Columns.COUNTRY_OF_DISPATCH, violations);
        String destination = country(draft, Columns.COUNTRY_OF_DESTINATION, violations);
        TransportMode mode = transportMode(draft.get(Columns.TRANSPORT_MODE), violations);
        List<GoodsItem> items = items(draft.items(), violations);
        if (!id.isEmpty() && !seen.add(id)) {
            violations.add(new Violation(ReasonCode.DUPLICATE_DECLARATION,
                    "declaration id " + id + " appeared earlier in this input", Columns.DECLARATION_ID));
        }
        if (!violations.isEmpty()) {
            return ValidationOutcome.rejected(violations, lodgedAt);
        }
        Declaration declaration = Declaration.newBuilder()
                .setDeclarationId(id)
                .setDeclarationType(type)
                .setLodgedAt(lodgedAt.orElseThrow())
                .setDeclarant(Party.newBuilder().setName(declarant).build())
                .setExporter(party(exporter, draft.get(Columns.EXPORTER_ID), exporterCountry))
                .setImporter(party(importer, draft.get(Columns.IMPORTER_ID), importerCountry))
                .setCountryOfOrigin(origin)
                .setCountryOfDispatch(dispatch)
                .setCountryOfDestination(destination)
                .setCustomsOffice(blankToNull(draft.get(Columns.CUSTOMS_OFFICE)))
                .setTransportMode(mode)
                .setItems(items)
                .build();
        // What the streams app checks again on the topic: limits the columns above do not see (item count, text length).
        List<Violation> beyond = DeclarationRules.check(declaration, clock.instant());
        return beyond.isEmpty() ? ValidationOutcome.accepted(declaration) : ValidationOutcome.rejected(beyond, lodgedAt);
    }

    private List<GoodsItem> items(List<ItemDraft> drafts, List<Violation> violations) {
        if (drafts.isEmpty()) {
            violations.add(new Violation(ReasonCode.NO_ITEMS, "a declaration needs at least one goods item", "items"));
            return List.of();
        }
        List<GoodsItem> items = new ArrayList<>();
        Set<Integer> numbers = new HashSet<>();
        for (ItemDraft draft : drafts) {
            int before = violations.size();
            String where = "item on line " + draft.line();
            Integer number = itemNumber(draft.get(Columns.ITEM_NO), where, violations);
            if (number != null && !numbers.add(number)) {
                violations.add(new Violation(ReasonCode.DUPLICATE_ITEM_NUMBER, where + ": item number " + number
                        + " appears twice in the declaration", Columns.ITEM_NO));
            }
            where = number == null ? where : "item " + number;
            Optional<HsCode> hs = hsCode(draft.get(Columns.HS_CODE), where, violations);
            String description = draft.get(Columns.DESCRIPTION);
            if (description.isEmpty()) {
                violations.add(missing(Columns.DESCRIPTION, where));
            }
            BigDecimal quantity = amount(draft.get(Columns.QUANTITY), Columns.QUANTITY, where, 3, violations);
            BigDecimal mass = amount(draft.get(Columns.NET_MASS_KG), Columns.NET_MASS_KG, where, 3, violations);
            BigDecimal value = amount(draft.get(Columns.VALUE_USD), Columns.VALUE_USD, where, 2, violations);
            if (violations.size() == before) {
                items.add(GoodsItem.newBuilder()
                        .setItemNumber(number)
                        .setHsCode(hs.orElseThrow().digits())
                        .setDescription(description)
                        .setQuantity(quantity)
                        .setUnit(blankToNull(draft.get(Columns.UNIT)))
                        .setNetMassKg(mass)
                        .setValueUsd(value)
                        .build());
            }
        }
        return items;
    }

    private static Integer itemNumber(String text, String where, List<Violation> violations) {
        if (text.isEmpty()) {
            violations.add(missing(Columns.ITEM_NO, where));
            return null;
        }
        try {
            int number = Integer.parseInt(text);
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // Reported below with the other malformed numbers.
        }
        violations.add(new Violation(ReasonCode.INVALID_ITEM_NUMBER, where + ": item_no must be a whole number from 1, was '"
                + text + "'", Columns.ITEM_NO));
        return null;
    }

    private static Optional<HsCode> hsCode(String text, String where, List<Violation> violations) {
        if (text.isEmpty()) {
            violations.add(missing(Columns.HS_CODE, where));
            return Optional.empty();
        }
        Optional<HsCode> hs = HsCode.parse(text);
        if (hs.isEmpty()) {
            violations.add(new Violation(ReasonCode.INVALID_HS_CODE, where + ": hs_code '" + text
                    + "' is not 6 to 10 digits (spaces and dots aside)", Columns.HS_CODE));
        }
        return hs;
    }

    /** A non-negative, finite amount that fits the contract's decimal (18 digits, {@code scale} after the point). */
    private static BigDecimal amount(String text, String column, String where, int scale, List<Violation> violations) {
        if (text.isEmpty()) {
            violations.add(missing(column, where));
            return null;
        }
        BigDecimal value;
        try {
            value = new BigDecimal(text);
        } catch (NumberFormatException e) {
            violations.add(new Violation(ReasonCode.NOT_NUMERIC, where + ": " + column + " '" + text + "' is not a number", column));
            return null;
        }
        if (value.signum() < 0) {
            violations.add(new Violation(ReasonCode.NEGATIVE_NUMBER, where + ": " + column + " " + text + " is negative", column));
            return null;
        }
        BigDecimal scaled = value.setScale(scale, RoundingMode.HALF_EVEN);
        if (scaled.precision() > 18) {
            violations.add(new Violation(ReasonCode.OUT_OF_RANGE, where + ": " + column + " " + text
                    + " is too large (at most " + (18 - scale) + " digits before the point)", column));
            return null;
        }
        return scaled;
    }

    private Optional<Instant> lodgedAt(String text, List<Violation> violations) {
        if (text.isEmpty()) {
            violations.add(missing(Columns.LODGED_AT, "declaration"));
            return Optional.empty();
        }
        Instant instant;
        try {
            instant = parseInstant(text);
        } catch (DateTimeParseException e) {
            violations.add(new Violation(ReasonCode.INVALID_DATE, "lodged_at '" + text
                    + "' is not an ISO-8601 instant (2022-03-24T08:15:00Z) or date (2022-03-24)", Columns.LODGED_AT));
            return Optional.empty();
        }
        Instant latest = clock.instant().plus(1, ChronoUnit.DAYS);
        if (instant.isBefore(DeclarationRules.EARLIEST) || instant.isAfter(latest)) {
            violations.add(new Violation(ReasonCode.IMPLAUSIBLE_DATE, "lodged_at " + text
                    + " is before 1950 or more than a day in the future", Columns.LODGED_AT));
        }
        return Optional.of(instant);
    }

    /** An instant, an offset date-time, a date (00:00 UTC), or a local date-time (taken as UTC). */
    static Instant parseInstant(String text) {
        Instant plain = plainUtcSeconds(text);
        if (plain != null) {
            return plain;
        }
        if (text.length() == 10) {
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notOffset) {
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        }
    }

    /**
     * {@code 2022-03-24T08:15:00Z}, the form every generated and most exported files use, read without the general
     * parser (a fifth of a replay's read-and-validate time in its profile); null for any other form or an impossible
     * date, which the general parsers then read or reject with their own message.
     */
    private static Instant plainUtcSeconds(String text) {
        if (text.length() != 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':'
                || text.charAt(16) != ':' || text.charAt(19) != 'Z') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > YearMonth.of(year, month).lengthOfMonth() || hour < 0 || hour > 23
                || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC);
    }

    /** The number written by {@code length} ASCII digits from {@code start}, or -1. */
    private static int digits(String text, int start, int length) {
        int value = 0;
        for (int i = start; i < start + length; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static String required(DeclarationDraft draft, String column, List<Violation> violations) {
        String value = draft.get(column);
        if (value.isEmpty()) {
            violations.add(missing(column, "declaration"));
        }
        return value;
    }

    private static String country(DeclarationDraft draft, String column, List<Violation> violations) {
        String value = required(draft, column, violations);
        return value.isEmpty() ? value : checkedCountry(value, column, violations);
    }

    private static String optionalCountry(DeclarationDraft draft, String column, List<Violation> violations) {
        String value = draft.get(column);
        return value.isEmpty() ? null : checkedCountry(value, column, violations);
    }

    private static String checkedCountry(String value, String column, List<Violation> violations) {
        String code = value.toUpperCase(Locale.ROOT);
        if (!CountryCodes.isValid(code)) {
            violations.add(new Violation(ReasonCode.INVALID_COUNTRY, column + " '" + value
                    + "' is not an ISO 3166-1 alpha-2 country code", column));
        }
        return code;
    }

    private static <E extends Enum<E>> E enumValue(String text, String column, Class<E> type, List<Violation> violations) {
        if (text.isEmpty()) {
            violations.add(missing(column, "declaration"));
            return null;
        }
        try {
            return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            violations.add(new Violation(ReasonCode.INVALID_ENUM, column + " '" + text + "' is not one of "
                    + Arrays.toString(type.getEnumConstants()), column));
            return null;
        }
    }

    /** A mode by name, or by the EU's one-digit border transport code (1 sea ... 9 own propulsion / other). */
    private static TransportMode transportMode(String text, List<Violation> violations) {
        return switch (text.toUpperCase(Locale.ROOT)) {
            case "" -> TransportMode.OTHER;
            case "1" -> TransportMode.SEA;
            case "2" -> TransportMode.RAIL;
            case "3" -> TransportMode.ROAD;
            case "4" -> TransportMode.AIR;
            case "5" -> TransportMode.POST;
            case "7" -> TransportMode.FIXED_INSTALLATION;
            case "8" -> TransportMode.INLAND_WATERWAY;
            case "9" -> TransportMode.OTHER;
            default -> enumValue(text, Columns.TRANSPORT_MODE, TransportMode.class, violations);
        };
    }

    private static Party party(String name, String identifier, String country) {
        return Party.newBuilder().setName(name).setIdentifier(blankToNull(identifier)).setCountry(country).build();
    }

    private static Violation missing(String column, String where) {
        return new Violation(ReasonCode.MISSING_FIELD, where + ": " + column + " is required", column);
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
