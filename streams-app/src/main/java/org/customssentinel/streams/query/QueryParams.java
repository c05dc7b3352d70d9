package org.customssentinel.streams.query;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.customssentinel.streams.detect.Rules;
import org.customssentinel.streams.flow.FlowKeys;

/** Parameters of the query API, checked: every malformed one is a {@link BadRequest} naming it. */
final class QueryParams {

    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}|\\*");
    private static final Pattern HS = Pattern.compile("[0-9]{2,10}");
    static final int MAX_LIMIT = 1000;
    private static final int MAX_ID_LENGTH = 128;

    private QueryParams() {
    }

    static int limit(String value, int defaultLimit) {
        if (value == null) {
            return defaultLimit;
        }
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // Falls through to the message.
        }
        throw new BadRequest("limit must be a whole number from 1 to " + MAX_LIMIT + ", was '" + value + "'");
    }

    /** {@code latest} (empty) or an ISO date inside the wanted window. */
    /** A declaration id as the path gives it: any text the producer accepts, bounded so a query cannot be a payload. */
    static String declarationId(String value) {
        if (value == null || value.isBlank() || value.length() > MAX_ID_LENGTH || value.chars().anyMatch(Character::isISOControl)) {
            throw new BadRequest("declaration id must be 1 to " + MAX_ID_LENGTH + " printable characters");
        }
        return value;
    }

    static Optional<Instant> window(String value) {
        if (value == null || value.equalsIgnoreCase("latest")) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(value.trim()).atStartOfDay(ZoneOffset.UTC).toInstant());
        } catch (DateTimeParseException e) {
            throw new BadRequest("window must be 'latest' or an ISO date such as 2022-03-24, was '" + value + "'");
        }
    }

    static Optional<Instant> since(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(value.trim()));
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(LocalDate.parse(value.trim()).atStartOfDay(ZoneOffset.UTC).toInstant());
            } catch (DateTimeParseException notADate) {
                throw new BadRequest("since must be an ISO instant such as 2022-03-24T00:00:00Z (or a date), was '" + value + "'");
            }
        }
    }

    static Optional<String> rule(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String id = value.trim().toUpperCase(Locale.ROOT);
        if (!Rules.ids().contains(id)) {
            throw new BadRequest("rule must be one of " + String.join(", ", Rules.ids()) + ", was '" + value + "'");
        }
        return Optional.of(id);
    }

    /** The flow key of a {@code /api/flows/{dispatch}/{destination}/{hs}} path. */
    static String flowKey(String dispatch, String destination, String hs) {
        String first = dispatch.toUpperCase(Locale.ROOT);
        String second = destination.toUpperCase(Locale.ROOT);
        if (!COUNTRY.matcher(first).matches()) {
            throw new BadRequest("dispatch country must be two letters (ISO 3166-1 alpha-2) or *, was '" + dispatch + "'");
        }
        if (!COUNTRY.matcher(second).matches()) {
            throw new BadRequest("destination country must be two letters (ISO 3166-1 alpha-2) or *, was '" + destination + "'");
        }
        if (!HS.matcher(hs).matches()) {
            throw new BadRequest("HS code must be 2 to 10 digits, was '" + hs + "'");
        }
        return FlowKeys.of(first, second, hs);
    }

    /** An optional {@code flow=CN|RU|854231} filter. */
    static Optional<String> flow(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String[] parts = value.split("\\|", -1);
        if (parts.length != 3) {
            throw new BadRequest("flow must be dispatch|destination|hs such as CN|RU|854231, was '" + value + "'");
        }
        return Optional.of(flowKey(parts[0], parts[1], parts[2]));
    }

}
