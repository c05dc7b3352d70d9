package org.customssentinel.cli;

import java.util.Locale;

/** How a command prints what it found: aligned columns for people, JSON for tools ({@code --format table|json}). */
public enum OutputFormat {
    TABLE, JSON;

    /** {@code value} in any case; anything else is a usage error naming what was given. */
    public static OutputFormat parse(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "table" -> TABLE;
            case "json" -> JSON;
            default -> throw new IllegalArgumentException("--format must be table or json, was '" + value + "'");
        };
    }
}
