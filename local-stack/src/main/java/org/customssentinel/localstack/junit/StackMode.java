package org.customssentinel.localstack.junit;

import java.util.Locale;

/** Which stack integration tests run against, from system property {@code stack}. */
public enum StackMode {
    EMBEDDED,
    CONTAINERS;

    public static StackMode fromSystemProperty() {
        return parse(System.getProperty("stack", "embedded"));
    }

    static StackMode parse(String value) {
        String normalized = value == null || value.isBlank() ? "embedded" : value.trim().toLowerCase(Locale.ROOT);
        return switch (normalized) {
            case "embedded" -> EMBEDDED;
            case "containers" -> CONTAINERS;
            default -> throw new IllegalArgumentException(
                    "system property stack must be 'embedded' or 'containers', was '" + value + "'");
        };
    }
}
