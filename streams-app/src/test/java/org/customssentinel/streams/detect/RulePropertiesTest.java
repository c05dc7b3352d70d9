package org.customssentinel.streams.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.customssentinel.avro.ListReference;
import org.customssentinel.streams.risk.RiskSettings;
import org.junit.jupiter.api.Test;

class RulePropertiesTest {

    private static ListReference list(String id, String category) {
        return ListReference.newBuilder().setListId(id).setCategory(category).setListVersion("1").build();
    }

    private static final ListReference CHPL_TIER_1 = list("CHPL", "Tier 1");
    private static final ListReference CHPL_TIER_3A = list("CHPL", "Tier 3.A");
    private static final ListReference ANNEX_I = list("EU-2021/821-ANNEX-I", "3A001 (candidate)");

    @Test
    void shouldReadEveryGlobalSetting() {
        RuleSettings rules = RuleProperties.apply(RuleSettings.defaults(), Map.of(
                "rules.baseline.windows", "8", "rules.spike.ratio", "12.5", "rules.floor.usd", "250_000",
                "rules.surge.windows", "26", "rules.surge.ratio", "4", "rules.surge.floor.usd", "2000000",
                "rules.surge.reference", "2021-01-01/2022-02-24", "rules.scope", "all", "bootstrap.servers", "left:9092"));
        assertEquals(new Thresholds(8, 12.5, new BigDecimal("250000"), 4, new BigDecimal("2000000")), rules.standard());
        assertEquals(26, rules.get(SurgeRule.WINDOWS));
        assertEquals(ReferencePeriod.parse("2021-01-01/2022-02-24"), rules.get(SurgeRule.REFERENCE).orElseThrow());
        assertTrue(rules.allFlows());
    }

    @Test
    void shouldLetACategoryStartFromItsListAndTheMostSensitiveListWin() {
        RuleSettings rules = RuleProperties.apply(RuleSettings.defaults(), Map.of(
                "rules.list.chpl.floor.usd", "50000",
                "rules.list.chpl.tier-1.spike.ratio", "5",
                "rules.list.eu-2021-821-annex-i.spike.ratio", "20"));
        Thresholds tier1 = rules.thresholdsFor(List.of(CHPL_TIER_1));
        assertEquals(5, tier1.spikeRatio());
        assertEquals(new BigDecimal("50000"), tier1.floorUsd(), "Tier 1 keeps the CHPL-wide floor");
        assertEquals(10, rules.thresholdsFor(List.of(CHPL_TIER_3A)).spikeRatio(), "other tiers keep the default ratio");
        assertEquals(20, rules.thresholdsFor(List.of(ANNEX_I)).spikeRatio());
        assertEquals(5, rules.thresholdsFor(List.of(ANNEX_I, CHPL_TIER_1)).spikeRatio(), "several lists: the most sensitive");
        assertEquals(Thresholds.defaults(), rules.thresholdsFor(List.of()), "goods on no list: the defaults");
    }

    @Test
    void shouldKeepHistoryForTheLongestBaseline() {
        RuleSettings rules = RuleProperties.apply(RuleSettings.defaults(), Map.of("rules.list.chpl.tier-2.baseline.windows", "12"));
        assertEquals(12, rules.longestBaseline());
        assertEquals(6, rules.standard().baselineWindows());
    }

    @Test
    void shouldNameTheKeyOfEveryBadSetting() {
        Map<Map<String, String>, String> bad = Map.of(
                Map.of("rules.spike.ratoi", "5"), "rules.spike.ratoi: unknown rule setting",
                Map.of("rules.list.chpl.tier-1.x.spike.ratio", "5"), "rules.list.chpl.tier-1.x.spike.ratio: unknown rule setting",
                Map.of("rules.spike.ratio", "ten"), "rules.spike.ratio=ten: not a number",
                Map.of("rules.list.chpl.spike.ratio", "0.5"), "rules.list.chpl.spike.ratio=0.5: rule ratios must be above 1",
                Map.of("rules.scope", "some"), "rules.scope=some: controlled or all",
                Map.of("rules.surge.reference", "2022"), "rules.surge.reference=2022:");
        bad.forEach((configs, message) -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RuleProperties.apply(RuleSettings.defaults(), configs));
            assertTrue(e.getMessage().startsWith(message), e.getMessage());
        });
    }

    @Test
    void shouldNameListsAndTiersBySlug() {
        assertEquals("chpl.tier-3-a", ListScope.categoryOf(CHPL_TIER_3A).toString());
        assertEquals("eu-2021-821-annex-i", ListScope.wholeListOf(ANNEX_I).toString());
        assertFalse(RuleSettings.defaults().allFlows());
    }

    @Test
    void shouldDescribeSettingsAsTheKeysThatMakeThem() {
        Map<String, String> configured = Map.of("rules.spike.ratio", "12.5", "rules.floor.usd", "250000", "rules.surge.reference",
                "2021-01-01/2022-02-24", "rules.coalition", "EU,GB,US", "rules.new-trader.age", "P60D",
                "rules.list.chpl.tier-1.spike.ratio", "5", "rules.transshipment.floor.usd", "75000.5");
        RuleSettings rules = RuleProperties.apply(RuleSettings.defaults(), configured);
        Map<String, String> described = RuleProperties.describe(rules);

        configured.forEach((key, value) -> assertEquals(value, described.get(key), key));
        assertEquals("6", described.get("rules.baseline.windows"));
        assertEquals("250000", described.get("rules.list.chpl.tier-1.floor.usd"), "a list starts from the general settings");
        assertEquals(rules, RuleProperties.apply(RuleSettings.defaults(), described), "what describe says makes the same settings");
    }

    @Test
    void shouldKeepAConfiguredListsOtherSettingsWhenOneChangesOverIt() {
        RuleSettings configured = RuleProperties.apply(RuleSettings.defaults(), Map.of("rules.list.chpl.tier-1.spike.ratio", "5",
                "rules.list.chpl.tier-1.floor.usd", "50000"));
        RuleSettings changed = RuleProperties.apply(configured, Map.of("rules.list.chpl.tier-1.spike.ratio", "4"));
        Thresholds tier1 = changed.thresholdsFor(List.of(CHPL_TIER_1));
        assertEquals(4, tier1.spikeRatio());
        assertEquals(0, new BigDecimal("50000").compareTo(tier1.floorUsd()), "the list's floor set at start stays");
    }

    @Test
    void shouldReadRiskWeightsAndLaneCutOffsTogether() {
        RuleSettings rules = RuleProperties.apply(RuleSettings.defaults(), Map.of("rules.risk.weight.route", "50",
                "rules.risk.lane.yellow", "10", "rules.risk.lane.orange", "15", "rules.risk.lane.red", "20", "rules.risk.alert-windows", "4"));
        assertEquals(50, rules.risk().weight("route"));
        assertEquals(15, rules.risk().weight("tier-1"), "the others keep their defaults");
        assertEquals(List.of(10, 15, 20, 4), List.of(rules.risk().yellow(), rules.risk().orange(), rules.risk().red(), rules.risk().alertWindows()));

        IllegalArgumentException falling = assertThrows(IllegalArgumentException.class,
                () -> RuleProperties.apply(RuleSettings.defaults(), Map.of("rules.risk.lane.red", "30")));
        assertTrue(falling.getMessage().startsWith("rules.risk.lane.{yellow|orange|red}: lane cut-offs must rise"), falling.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> RuleProperties.apply(RuleSettings.defaults(), Map.of("rules.risk.weight.tier-9", "30")));
        assertTrue(unknown.getMessage().startsWith("rules.risk.weight.tier-9=30: no risk indicator 'tier-9'"), unknown.getMessage());
    }

    @Test
    void shouldReadWhereListedGoodsWeighAndKeepItOverALaneChange() {
        RuleSettings rules = RuleProperties.apply(RuleSettings.defaults(), Map.of("rules.risk.destination.other", "25",
                "rules.risk.destination.diversion", "50", "rules.risk.diversion-destinations", "kz, KG", "rules.risk.lane.yellow", "10"));
        RiskSettings.Destinations destinations = rules.risk().destinations();
        assertEquals(List.of(100, 50, 25), List.of(destinations.restricted(), destinations.diversion(), destinations.other()));
        assertEquals(Set.of("KG", "KZ"), destinations.diversionCountries());
        assertEquals(10, rules.risk().yellow());
        Map<String, String> described = RuleProperties.describe(rules);
        assertEquals("KG,KZ", described.get("rules.risk.diversion-destinations"));
        assertEquals("25", described.get("rules.risk.destination.other"));
        assertEquals(rules, RuleProperties.apply(RuleSettings.defaults(), described), "what describe writes, apply reads back");

        IllegalArgumentException share = assertThrows(IllegalArgumentException.class,
                () -> RuleProperties.apply(RuleSettings.defaults(), Map.of("rules.risk.destination.other", "150")));
        assertTrue(share.getMessage().startsWith("rules.risk.destination.other=150: a destination's share"), share.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RuleProperties.apply(RuleSettings.defaults(), Map.of("rules.risk.destination.eu", "0")));
    }
}
