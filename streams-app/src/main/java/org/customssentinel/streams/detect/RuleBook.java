package org.customssentinel.streams.detect;

import java.util.List;
import java.util.stream.Stream;

import org.customssentinel.streams.flow.FlowKeys;
import org.customssentinel.streams.flow.WindowSettings;

/**
 * The rules the topology judges by, in the order their alerts go out for the same window or declaration.
 *
 * @param windowRules      judged on each trade flow's windows
 * @param routeRules       judged on each route's windows (origin, dispatch, destination, HS-6)
 * @param declarationRules judged on each counted declaration
 * @param newTrader        judged on each exporter's first period
 */
public record RuleBook(List<WindowRule> windowRules, List<WindowRule> routeRules, List<DeclarationRule> declarationRules,
                       NewTraderRule newTrader) {

    public RuleBook {
        windowRules = List.copyOf(windowRules);
        routeRules = List.copyOf(routeRules);
        declarationRules = List.copyOf(declarationRules);
    }

    public static RuleBook of(RuleSettings rules, WindowSettings windows) {
        return new RuleBook(List.of(new SpikeRule(rules), new NewControlledFlowRule(), new SurgeRule(rules, windows)),
                List.of(new TransshipmentRule(rules.transshipment(), windows)),
                List.of(new WatchlistHitRule()), new NewTraderRule(rules.newTrader(), windows));
    }

    /** The rules for the windows of this flow or route key. */
    public List<WindowRule> rulesFor(String key) {
        return FlowKeys.isRoute(key) ? routeRules : windowRules;
    }

    /** How many closed windows of a flow the rules read, besides its baseline. */
    public long historyWindows() {
        return Stream.concat(windowRules.stream(), routeRules.stream()).mapToLong(WindowRule::historyWindows).max().orElse(0);
    }
}
