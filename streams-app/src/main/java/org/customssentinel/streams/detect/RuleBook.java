package org.customssentinel.streams.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.customssentinel.streams.flow.FlowKeys;
import org.customssentinel.streams.flow.WindowSettings;

/**
 * The rules the topology judges by, in the order their alerts go out for the same window or declaration.
 *
 * @param windowRules      judged on each trade flow's windows
 * @param routeRules       judged on each route's windows (origin, dispatch, destination, HS-6)
 * @param declarationRules judged on each counted declaration
 * @param newTrader        judged on each exporter's first period; null when it is not judged
 */
public record RuleBook(List<WindowRule> windowRules, List<WindowRule> routeRules, List<DeclarationRule> declarationRules,
                       NewTraderRule newTrader) {

    public RuleBook {
        windowRules = List.copyOf(windowRules);
        routeRules = List.copyOf(routeRules);
        declarationRules = List.copyOf(declarationRules);
    }

    /** {@link Rules}' rules judging by {@code rules}, each where its kind says. */
    public static RuleBook of(RuleSettings rules, WindowSettings windows) {
        return of(rules, windows, id -> true);
    }

    /** As {@link #of(RuleSettings, WindowSettings)}, with only the rules whose ids {@code judged} accepts. */
    public static RuleBook of(RuleSettings rules, WindowSettings windows, Predicate<String> judged) {
        List<WindowRule> flows = new ArrayList<>();
        List<WindowRule> routes = new ArrayList<>();
        List<DeclarationRule> declarations = new ArrayList<>();
        NewTraderRule newTrader = null;
        for (Rule rule : Rules.build(rules, windows)) {
            if (!judged.test(rule.id())) {
                continue;
            }
            if (rule instanceof WindowRule window) {
                (window.onRoutes() ? routes : flows).add(window);
            } else if (rule instanceof DeclarationRule declaration) {
                declarations.add(declaration);
            } else if (rule instanceof NewTraderRule trader) {
                newTrader = trader;
            } else {
                throw new IllegalStateException(rule.id() + " is of no kind the topology judges");
            }
        }
        return new RuleBook(flows, routes, declarations, newTrader);
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
