package org.customssentinel.streams.detect;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.customssentinel.streams.flow.WindowSettings;

/**
 * The rule settings a running app judges by: those it started with, changed by the records of the rules topic as it
 * reads them. One per topology: the global thread applies changes, stream threads take the current edition at each
 * judgement, so a change applies to every window judged after it is read, without a restart.
 *
 * <p>A change is applied as {@code --config} would apply it over the starting point; one that does not parse, or
 * leaves the settings invalid, is refused and the edition in force stays.
 */
public final class RulesInForce {

    private final RuleSettings starting;
    private final WindowSettings windows;
    /** Which rules are judged at all: a change of settings never adds or removes one. */
    private final Predicate<String> judged;
    private volatile RuleEdition current;

    public RulesInForce(RuleSettings starting, WindowSettings windows) {
        this(starting, windows, id -> true);
    }

    /** Judging only the rules whose ids {@code judged} accepts. */
    public RulesInForce(RuleSettings starting, WindowSettings windows, Predicate<String> judged) {
        this.starting = starting;
        this.windows = windows;
        this.judged = judged;
        this.current = RuleEdition.starting(starting, windows, judged);
    }

    public RuleEdition current() {
        return current;
    }

    /**
     * Applies one change: {@code setting} to {@code value}, or back to the starting point when {@code value} is null.
     *
     * @param version the edition's version once applied (one past the change's offset)
     * @return why the change was refused, or empty when it applied
     */
    public synchronized Optional<String> apply(long version, String setting, String value) {
        if (setting == null || !setting.startsWith(RuleProperties.PREFIX)) {
            return Optional.of("'" + setting + "' is not a rule setting (rules.*)");
        }
        Map<String, String> overrides = new HashMap<>(current.overrides());
        if (value == null) {
            overrides.remove(setting);
        } else {
            overrides.put(setting, value);
        }
        try {
            RuleSettings settings = RuleProperties.apply(starting, overrides);
            current = new RuleEdition(version, settings, RuleBook.of(settings, windows, judged), overrides);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }
}
