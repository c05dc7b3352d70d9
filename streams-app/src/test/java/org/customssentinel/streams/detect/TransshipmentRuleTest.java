package org.customssentinel.streams.detect;

import static org.customssentinel.streams.detect.Windows.TIER_1;
import static org.customssentinel.streams.detect.Windows.WEEKLY;
import static org.customssentinel.streams.detect.Windows.closed;
import static org.customssentinel.streams.detect.Windows.flat;
import static org.customssentinel.streams.detect.Windows.usd;
import static org.customssentinel.streams.detect.Windows.window;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.customssentinel.avro.Alert;
import org.customssentinel.avro.AlertStatus;
import org.customssentinel.avro.FlowWindow;
import org.customssentinel.avro.PartyValue;
import org.customssentinel.avro.TradeFlow;
import org.customssentinel.avro.internal.FlowHistory;
import org.junit.jupiter.api.Test;

class TransshipmentRuleTest {

    private static final TradeFlow ROUTE = TradeFlow.newBuilder().setDispatchCountry("KG").setDestinationCountry("RU").setHsCode("854231")
            .setOriginCountry("DE").build();

    private final TransshipmentRule rule = new TransshipmentRule(RuleSettings.defaults(), WEEKLY);

    private static FlowWindow route(int weeksAfter, String usd) {
        FlowWindow w = window(weeksAfter, usd, true);
        w.setFlow(ROUTE);
        w.setTopParties(List.of(PartyValue.newBuilder().setName("Samarkand Chip Trade LLC").setValueUsd(usd(usd)).build()));
        return w;
    }

    private static OpenWindow open(FlowWindow w, FlowHistory history) {
        return new OpenWindow(w, TIER_1, Windows.GOODS, Thresholds.defaults(), () -> flat("0"), () -> history);
    }

    @Test
    void shouldFireProvisionalThenFinalFromTheFloorWithTheRouteInItsId() {
        FlowHistory history = Windows.history(0);
        Alert provisional = rule.whileOpen(open(route(0, "50000"), history)).orElseThrow();
        Alert fin = rule.whenClosed(closed(route(0, "80000"), flat("0"), TIER_1), history).orElseThrow();

        assertEquals(AlertStatus.PROVISIONAL, provisional.getStatus());
        assertEquals(AlertStatus.FINAL, fin.getStatus());
        assertEquals(provisional.getAlertId(), fin.getAlertId());
        assertEquals(AlertIds.of("TRANSSHIPMENT", "KG|RU|854231|DE", "2023-03-02T00:00:00Z"), fin.getAlertId());
        assertEquals("DE-made 854231 processors and controllers (CHPL Tier 1) via KG to RU: $80k in week of 2023-03-02 (floor $50k),"
                + " 2 declarations; exporters Samarkand Chip Trade LLC $80k", fin.getSummary());
        assertEquals(List.of("D-1", "D-2"), fin.getSampleDeclarationIds());
        assertEquals(Windows.WEEK, TransshipmentRule.lastFired(history).orElse(null), "the FINAL is remembered for the repeat interval");
    }

    @Test
    void shouldStayQuietUnderTheFloorOrForUncontrolledGoods() {
        assertTrue(rule.whileOpen(open(route(0, "49999.99"), Windows.history(0))).isEmpty());
        FlowWindow uncontrolled = route(0, "900000");
        uncontrolled.setControlled(false);
        assertTrue(rule.whenClosed(closed(uncontrolled, flat("0"), List.of()), Windows.history(0)).isEmpty());
    }

    @Test
    void shouldFireAtMostOncePerRouteInTheRepeatInterval() {
        FlowHistory history = Windows.history(0);
        assertTrue(rule.whenClosed(closed(route(0, "60000"), flat("0"), TIER_1), history).isPresent());
        assertTrue(rule.whileOpen(open(route(12, "900000"), history)).isEmpty(), "12 windows later: still within 13");
        assertTrue(rule.whenClosed(closed(route(12, "900000"), flat("0"), TIER_1), history).isEmpty());
        assertTrue(rule.whileOpen(open(route(13, "60000"), history)).isPresent(), "the 13th window after may fire again");
        assertTrue(rule.whenClosed(closed(route(13, "60000"), flat("0"), TIER_1), history).isPresent());
        assertEquals(Windows.WEEK.plus(java.time.Duration.ofDays(7 * 13)), TransshipmentRule.lastFired(history).orElse(null));
    }

    @Test
    void shouldHoldBackARepeatRaisedBeforeRulesKeptTheirOwnMemory() {
        FlowHistory history = Windows.history(0);
        history.setLastTransshipment(Windows.WEEK);
        assertTrue(rule.whenClosed(closed(route(12, "900000"), flat("0"), TIER_1), history).isEmpty(),
                "the old layout's last window still counts after the upgrade");
        assertTrue(rule.whenClosed(closed(route(13, "60000"), flat("0"), TIER_1), history).isPresent());
        assertEquals(Windows.WEEK.plus(java.time.Duration.ofDays(7 * 13)), TransshipmentRule.lastFired(history).orElse(null));
        assertEquals(null, history.getLastTransshipment(), "the old field is cleared once the memory is the rule's own");
    }

    @Test
    void shouldKnowATransshipmentRouteFromTheCountries() {
        Sanctions routes = Sanctions.defaults();
        assertTrue(routes.isRoute("DE", "KG", "RU"), "made in the EU, through Kyrgyzstan, to Russia");
        assertTrue(routes.isRoute("TW", "HK", "BY"));
        assertFalse(routes.isRoute("CN", "KG", "RU"), "not made in the coalition");
        assertFalse(routes.isRoute("DE", "PL", "RU"), "dispatched from inside the coalition: its own export control's business");
        assertFalse(routes.isRoute("DE", "KG", "KZ"), "not a restricted destination");
        assertFalse(routes.isRoute("DE", "RU", "RU"), "dispatched from the destination itself");
        assertEquals(37, routes.coalition().size(), "the EU's 27 and ten more");
    }

    @Test
    void shouldReadItsSettingsFromRulesKeysAndNameTheKeyOfABadOne() {
        RuleSettings settings = RuleProperties.apply(RuleSettings.defaults(), Map.of("rules.coalition", "eu, us",
                "rules.restricted-destinations", "RU", "rules.transshipment.floor.usd", "75_000", "rules.transshipment.repeat-windows", "4"));
        assertEquals(28, settings.sanctions().coalition().size());
        assertEquals(Set.of("RU"), settings.sanctions().restrictedDestinations());
        assertEquals(new BigDecimal("75000"), settings.get(TransshipmentRule.FLOOR));
        assertEquals(4, settings.get(TransshipmentRule.REPEAT_WINDOWS));

        assertEquals("rules.transshipment.floor.usd=-5: must be above zero, was -5", assertThrows(IllegalArgumentException.class,
                () -> RuleProperties.apply(RuleSettings.defaults(), Map.of("rules.transshipment.floor.usd", "-5"))).getMessage());
        assertEquals("rules.restricted-destinations=RUS: 'RUS' is not an ISO 3166-1 alpha-2 country code (two capital letters)",
                assertThrows(IllegalArgumentException.class,
                        () -> RuleProperties.apply(RuleSettings.defaults(), Map.of("rules.restricted-destinations", "RUS"))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> RuleProperties.apply(RuleSettings.defaults(), Map.of("rules.transshipment.window", "2"))).getMessage()
                .startsWith("rules.transshipment.window: unknown rule setting"));
    }
}
