package org.customssentinel.streams.detect;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** A pre-sanctions reference period for SURGE, {@code 2021-01-01/2022-02-24} (end exclusive). */
public record ReferencePeriod(Instant from, Instant to) {

    public ReferencePeriod {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("reference period must end after it starts: " + from + "/" + to);
        }
    }

    public static ReferencePeriod parse(String text) {
        String[] parts = text.split("/");
        try {
            if (parts.length == 2) {
                return new ReferencePeriod(LocalDate.parse(parts[0].trim()).atStartOfDay(ZoneOffset.UTC).toInstant(),
                        LocalDate.parse(parts[1].trim()).atStartOfDay(ZoneOffset.UTC).toInstant());
            }
        } catch (DateTimeParseException e) {
            // Reported below.
        }
        throw new IllegalArgumentException("rules.surge.reference must be FROM/TO dates such as 2021-01-01/2022-02-24, was '" + text + "'");
    }

    @Override
    public String toString() {
        return from.toString().substring(0, 10) + "/" + to.toString().substring(0, 10);
    }
}
