package org.customssentinel.streams.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

import org.customssentinel.streams.flow.WindowSettings;
import org.junit.jupiter.api.Test;

class RulesInForceTest {

    private final RuleSettings starting = RuleProperties.apply(RuleSettings.defaults(), Map.of("rules.floor.usd", "50000"));
    private final RulesInForce rules = new RulesInForce(starting, WindowSettings.weekly());

    @Test
    void shouldStartAtVersionZeroWithTheStartingSettings() {
        assertEquals(0, rules.current().version());
        assertEquals(starting, rules.current().settings());
        assertEquals(Map.of(), rules.current().overrides());
    }

    @Test
    void shouldApplyAChangeOverTheStartingPointWithItsVersion() {
        assertEquals(Optional.empty(), rules.apply(7, "rules.spike.ratio", "4"));
        RuleEdition edition = rules.current();
        assertEquals(7, edition.version());
        assertEquals(4, edition.settings().standard().spikeRatio());
        assertEquals(0, new BigDecimal("50000").compareTo(edition.settings().standard().floorUsd()), "the configured floor stays");
        assertEquals(Map.of("rules.spike.ratio", "4"), edition.overrides());
    }

    @Test
    void shouldRefuseABadChangeAndKeepTheEditionInForce() {
        rules.apply(1, "rules.spike.ratio", "4");
        RuleEdition before = rules.current();
        for (String[] bad : new String[][] {{"rules.spike.ratio", "four"}, {"rules.spike.ratio", "1"}, {"rules.spkie.ratio", "4"},
                {"flows.window.size", "P1D"}, {"rules.new-trader.age", "90 days"}}) {
            Optional<String> refused = rules.apply(2, bad[0], bad[1]);
            assertTrue(refused.isPresent(), bad[0] + "=" + bad[1]);
            assertTrue(refused.get().contains(bad[0]), refused.get());
            assertSame(before, rules.current());
        }
    }

    @Test
    void shouldReturnToTheStartingValueWhenAChangeIsTakenBack() {
        rules.apply(1, "rules.floor.usd", "10000");
        rules.apply(2, "rules.spike.ratio", "4");
        assertEquals(Optional.empty(), rules.apply(3, "rules.floor.usd", null));
        assertEquals(0, new BigDecimal("50000").compareTo(rules.current().settings().standard().floorUsd()), "back to --config's");
        assertEquals(4, rules.current().settings().standard().spikeRatio(), "the other change stays");
        assertEquals(3, rules.current().version());
    }

    @Test
    void shouldBuildTheRulesFromTheNewSettings() {
        rules.apply(1, "rules.transshipment.floor.usd", "20000");
        assertEquals("20000", rules.current().book().routeRules().get(0).settingsUsed(Thresholds.defaults()).get("transshipment.floor.usd"));
    }
}
