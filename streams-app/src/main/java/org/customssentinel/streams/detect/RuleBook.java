package org.customssentinel.streams.detect;

import java.util.List;

import org.customssentinel.streams.flow.WindowSettings;

/**
 * The rules the topology judges by, in the order their alerts go out for the same window or declaration.
 *
 * @param windowRules      judged on each flow's windows
 * @param declarationRules judged on each counted declaration
 */
public record RuleBook(List<WindowRule> windowRules, List<DeclarationRule> declarationRules) {

    public RuleBook {
        windowRules = List.copyOf(windowRules);
        declarationRules = List.copyOf(declarationRules);
    }

    public static RuleBook of(RuleSettings rules, WindowSettings windows) {
        return new RuleBook(List.of(new SpikeRule(rules), new NewControlledFlowRule(), new SurgeRule(rules, windows)),
                List.of(new WatchlistHitRule()));
    }

    /** How many closed windows of a flow the rules read, besides its baseline. */
    public long historyWindows() {
        return windowRules.stream().mapToLong(WindowRule::historyWindows).max().orElse(0);
    }
}
