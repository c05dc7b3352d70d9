package org.customssentinel.streams.detect;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

import org.customssentinel.avro.Alert;
import org.customssentinel.streams.flow.WindowSettings;

/**
 * The rules as they stand at one version: their settings, the rules built from them, and the runtime changes they
 * hold over the app's starting point.
 *
 * @param version   0 for the starting point, else one past the offset of the last change read from the rules topic
 * @param settings  the settings in force
 * @param book      the rules judged by them
 * @param overrides the settings changed at runtime ({@code rules.*} key to value), over the starting point
 */
public record RuleEdition(long version, RuleSettings settings, RuleBook book, Map<String, String> overrides) {

    public RuleEdition {
        overrides = Map.copyOf(overrides);
    }

    /** The starting point: the settings the app was given, no change read yet. */
    public static RuleEdition starting(RuleSettings settings, WindowSettings windows) {
        return starting(settings, windows, id -> true);
    }

    /** The starting point judging only the rules whose ids {@code judged} accepts. */
    public static RuleEdition starting(RuleSettings settings, WindowSettings windows, Predicate<String> judged) {
        return new RuleEdition(0, settings, RuleBook.of(settings, windows, judged), Map.of());
    }

    /** Records on {@code alert} the version it was judged under and the settings its rule used. */
    public Alert stamp(Alert alert, Map<String, String> settingsUsed) {
        alert.setRulesVersion(version);
        // Sorted: an alert's bytes, like its id, do not depend on the JVM that wrote it (Map.copyOf's order does).
        alert.setRulesApplied(new TreeMap<>(settingsUsed));
        return alert;
    }
}
