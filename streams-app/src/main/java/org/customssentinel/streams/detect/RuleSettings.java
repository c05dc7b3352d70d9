package org.customssentinel.streams.detect;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.customssentinel.avro.ListReference;
import org.customssentinel.streams.risk.RiskSettings;

/**
 * The detection rules' settings.
 *
 * @param standard       thresholds of flows whose lists have none of their own
 * @param surgeWindows   M: SURGE compares the total of the last M closed windows
 * @param surgeReference compare SURGE with this period's average window total times M instead of the year before
 * @param allFlows       {@code rules.scope=all}: SPIKE and SURGE on every flow, not only controlled goods
 * @param byList         thresholds for a control list or one of its categories (tiers)
 * @param sanctions      who restricts exports, and to where
 * @param transshipment  when a TRANSSHIPMENT route fires
 * @param newTrader      when a NEW_TRADER fires
 * @param risk           how declarations are scored into lanes
 */
public record RuleSettings(Thresholds standard, int surgeWindows, Optional<ReferencePeriod> surgeReference, boolean allFlows,
                           Map<ListScope, Thresholds> byList, Sanctions sanctions, TransshipmentSettings transshipment,
                           NewTraderSettings newTrader, RiskSettings risk) {

    public RuleSettings {
        if (surgeWindows < 1) {
            throw new IllegalArgumentException("SURGE needs at least one window, was " + surgeWindows);
        }
        byList = Map.copyOf(byList);
    }

    public static RuleSettings defaults() {
        return new RuleSettings(Thresholds.defaults(), 13, Optional.empty(), false, Map.of(), Sanctions.defaults(),
                TransshipmentSettings.defaults(), NewTraderSettings.defaults(), RiskSettings.defaults());
    }

    public RuleSettings withSurgeReference(ReferencePeriod period) {
        return new RuleSettings(standard, surgeWindows, Optional.of(period), allFlows, byList, sanctions, transshipment, newTrader, risk);
    }

    public RuleSettings withAllFlows(boolean all) {
        return new RuleSettings(standard, surgeWindows, surgeReference, all, byList, sanctions, transshipment, newTrader, risk);
    }

    public RuleSettings withStandard(Thresholds thresholds) {
        return new RuleSettings(thresholds, surgeWindows, surgeReference, allFlows, byList, sanctions, transshipment, newTrader, risk);
    }

    public RuleSettings withSurgeWindows(int m) {
        return new RuleSettings(standard, m, surgeReference, allFlows, byList, sanctions, transshipment, newTrader, risk);
    }

    public RuleSettings withSanctions(Sanctions regime) {
        return new RuleSettings(standard, surgeWindows, surgeReference, allFlows, byList, regime, transshipment, newTrader, risk);
    }

    public RuleSettings withNewTrader(NewTraderSettings traders) {
        return new RuleSettings(standard, surgeWindows, surgeReference, allFlows, byList, sanctions, transshipment, traders, risk);
    }

    public RuleSettings withTransshipment(TransshipmentSettings routes) {
        return new RuleSettings(standard, surgeWindows, surgeReference, allFlows, byList, sanctions, routes, newTrader, risk);
    }

    public RuleSettings withRisk(RiskSettings scoring) {
        return new RuleSettings(standard, surgeWindows, surgeReference, allFlows, byList, sanctions, transshipment, newTrader, scoring);
    }

    public RuleSettings withList(ListScope scope, Thresholds thresholds) {
        Map<ListScope, Thresholds> lists = new HashMap<>(byList);
        lists.put(scope, thresholds);
        return new RuleSettings(standard, surgeWindows, surgeReference, allFlows, lists, sanctions, transshipment, newTrader, risk);
    }

    /**
     * The thresholds for goods on these lists: each list's category's own, else the list's own, else the defaults;
     * with several lists, the most sensitive of them (so a CHPL Tier 1 item that is also an Annex I candidate keeps
     * the Tier 1 ratio).
     */
    public Thresholds thresholdsFor(List<ListReference> lists) {
        if (byList.isEmpty()) {
            return standard;
        }
        Thresholds result = null;
        for (ListReference list : lists) {
            Thresholds own = byList.getOrDefault(ListScope.categoryOf(list), byList.getOrDefault(ListScope.wholeListOf(list), standard));
            result = result == null ? own : result.mostSensitive(own);
        }
        return result == null ? standard : result;
    }

    /** The longest baseline any flow uses: how much history a flow keeps. */
    public int longestBaseline() {
        return byList.values().stream().mapToInt(Thresholds::baselineWindows).reduce(standard.baselineWindows(), Math::max);
    }
}
