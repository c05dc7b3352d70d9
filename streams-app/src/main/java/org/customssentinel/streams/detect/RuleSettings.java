package org.customssentinel.streams.detect;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.customssentinel.avro.ListReference;
import org.customssentinel.streams.risk.RiskSettings;

/**
 * The detection rules' settings: the engine's, which several rules share, and the values of the settings each rule
 * declares for itself ({@link Setting}, read with {@link #get}).
 *
 * @param standard  thresholds of flows whose lists have none of their own
 * @param allFlows  {@code rules.scope=all}: the flow rules judge every flow, not only controlled goods
 * @param byList    thresholds for a control list or one of its categories (tiers)
 * @param sanctions who restricts exports, and to where
 * @param risk      how declarations are scored into lanes
 * @param declared  rule-declared settings set to other than their default, by key (without {@code rules.})
 */
public record RuleSettings(Thresholds standard, boolean allFlows, Map<ListScope, Thresholds> byList, Sanctions sanctions,
                           RiskSettings risk, Map<String, Object> declared) {

    public RuleSettings {
        byList = Map.copyOf(byList);
        declared = Map.copyOf(declared);
    }

    public static RuleSettings defaults() {
        return new RuleSettings(Thresholds.defaults(), false, Map.of(), Sanctions.defaults(), RiskSettings.defaults(), Map.of());
    }

    /** The value of a rule's own setting. */
    public <T> T get(Setting<T> setting) {
        @SuppressWarnings("unchecked")
        T value = (T) declared.get(setting.key());
        return value != null ? value : setting.defaultValue();
    }

    /** These settings with a rule's own setting changed; a default is kept as no entry, so equal settings are equal. */
    public <T> RuleSettings with(Setting<T> setting, T value) {
        Map<String, Object> values = new TreeMap<>(declared);
        if (Objects.equals(value, setting.defaultValue())) {
            values.remove(setting.key());
        } else {
            values.put(setting.key(), value);
        }
        return new RuleSettings(standard, allFlows, byList, sanctions, risk, values);
    }

    public RuleSettings withAllFlows(boolean all) {
        return new RuleSettings(standard, all, byList, sanctions, risk, declared);
    }

    public RuleSettings withStandard(Thresholds thresholds) {
        return new RuleSettings(thresholds, allFlows, byList, sanctions, risk, declared);
    }

    public RuleSettings withSanctions(Sanctions regime) {
        return new RuleSettings(standard, allFlows, byList, regime, risk, declared);
    }

    public RuleSettings withRisk(RiskSettings scoring) {
        return new RuleSettings(standard, allFlows, byList, sanctions, scoring, declared);
    }

    public RuleSettings withList(ListScope scope, Thresholds thresholds) {
        Map<ListScope, Thresholds> lists = new HashMap<>(byList);
        lists.put(scope, thresholds);
        return new RuleSettings(standard, allFlows, lists, sanctions, risk, declared);
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
