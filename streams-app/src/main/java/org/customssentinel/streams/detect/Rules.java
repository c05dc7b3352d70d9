package org.customssentinel.streams.detect;

import java.util.List;
import java.util.Optional;

import org.customssentinel.streams.flow.WindowSettings;

/**
 * The one list of rules. Everything that names rules or their settings reads it: the rule book the topology judges by,
 * {@code rules.*} parsing and {@code rules show}, {@code --help}, the backtest's tables and report, the docs' rule table.
 */
public final class Rules {

    private static final List<Rule> DESCRIBED = build(RuleSettings.defaults(), WindowSettings.weekly());

    private Rules() {
    }

    /**
     * Every rule, judging by {@code settings}, in the order their alerts go out for the same window or declaration. A
     * new rule is registered here, at the end.
     */
    public static List<Rule> build(RuleSettings settings, WindowSettings windows) {
        return List.of(new SpikeRule(settings), new NewControlledFlowRule(), new SurgeRule(settings, windows), new WatchlistHitRule(),
                new TransshipmentRule(settings, windows), new NewTraderRule(settings, windows), new UnitValueRule(settings, windows));
    }

    /** Every rule with the default settings: for names, descriptions and declared settings. */
    public static List<Rule> all() {
        return DESCRIBED;
    }

    /** The rules' ids, in their order: the columns of every table of alerts by rule. */
    public static List<String> ids() {
        return DESCRIBED.stream().map(Rule::id).toList();
    }

    /** Every setting a rule declares for itself. */
    public static List<Setting<?>> settings() {
        return DESCRIBED.stream().flatMap(rule -> rule.settings().stream()).toList();
    }

    /** The declared setting of this key (without {@code rules.}). */
    public static Optional<Setting<?>> setting(String key) {
        return settings().stream().filter(s -> s.key().equals(key)).findFirst();
    }
}
