package org.customssentinel.streams.enrich;

import java.util.Locale;

/** Which classification entries apply to a declaration ({@code classification.as-of}). */
public enum ClassificationMode {
    /** The newest version of every list, whatever the declaration's date: today's goods of concern on any history. */
    LATEST,
    /** Only entries in force on the declaration's date (validFrom..validTo): what the lists then in force flagged. */
    DECLARATION_DATE;

    public static ClassificationMode parse(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "latest" -> LATEST;
            case "declaration-date" -> DECLARATION_DATE;
            default -> throw new IllegalArgumentException("classification.as-of must be latest or declaration-date, was '" + value + "'");
        };
    }
}
