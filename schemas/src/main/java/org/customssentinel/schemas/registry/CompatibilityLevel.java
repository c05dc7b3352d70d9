package org.customssentinel.schemas.registry;

import java.util.Locale;

/** Confluent's compatibility levels. */
public enum CompatibilityLevel {
    NONE,
    BACKWARD,
    BACKWARD_TRANSITIVE,
    FORWARD,
    FORWARD_TRANSITIVE,
    FULL,
    FULL_TRANSITIVE;

    public static CompatibilityLevel parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown compatibility level '" + value + "'", e);
        }
    }

    /** Whether every earlier version is checked, not only the latest. */
    public boolean transitive() {
        return name().endsWith("_TRANSITIVE");
    }

    /** Whether the new schema must read data written with the old ones. */
    public boolean backward() {
        return this != NONE && !name().startsWith("FORWARD");
    }

    /** Whether the old schemas must read data written with the new one. */
    public boolean forward() {
        return name().startsWith("FORWARD") || name().startsWith("FULL");
    }
}
