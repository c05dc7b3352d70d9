package org.customssentinel.streams.detect;

import static org.customssentinel.streams.detect.Windows.TIER_1;
import static org.customssentinel.streams.detect.Windows.WEEKLY;
import static org.customssentinel.streams.detect.Windows.closed;
import static org.customssentinel.streams.detect.Windows.flat;
import static org.customssentinel.streams.detect.Windows.usd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.customssentinel.avro.Alert;
import org.customssentinel.avro.AlertRule;
import org.customssentinel.avro.AlertStatus;
import org.customssentinel.avro.FlowWindow;
import org.customssentinel.avro.internal.FlowHistory;
import org.customssentinel.schemas.alert.AlertRules;
import org.junit.jupiter.api.Test;

class UnitValueRuleTest {

    private final UnitValueRule rule = new UnitValueRule(RuleSettings.defaults(), WEEKLY);

    /** Week {@code k} after {@link Windows#WEEK}: {@code usd} of goods weighing {@code kg}. */
    private static FlowWindow window(int k, String usd, String kg, boolean controlled) {
        FlowWindow w = Windows.window(k, usd, controlled);
        w.setTotalNetMassKg(new BigDecimal(kg));
        w.setDeclarationCount(5);
        return w;
    }

    /** Six closed weeks before week 0 at $200k for 100 kg each: $2,000 per kg. */
    private FlowHistory usualPast() {
        FlowHistory history = Windows.history(-6, "200000", "200000", "200000", "200000", "200000", "200000");
        for (int k = -6; k <= -1; k++) {
            rule.remember(closed(window(k, "200000", "100", true), flat("200000"), TIER_1), history);
        }
        return history;
    }

    private Alert closeWeekZero(FlowHistory history, String usd, String kg) {
        ClosedWindow week0 = closed(window(0, usd, kg, true), flat("200000"), TIER_1);
        rule.remember(week0, history);
        return rule.whenClosed(week0, history).orElse(null);
    }

    @Test
    void shouldRaiseAnUndervaluedWindowWithTheFlowInItsId() {
        Alert alert = closeWeekZero(usualPast(), "200000", "1000");

        assertEquals(AlertStatus.FINAL, alert.getStatus());
        assertEquals("UNIT_VALUE", AlertRules.idOf(alert));
        assertEquals(AlertRule.OTHER, alert.getRule(), "a rule the enum does not name");
        assertEquals(AlertIds.of("UNIT_VALUE", "CN|RU|854231", "2023-03-02T00:00:00Z"), alert.getAlertId());
        assertEquals(usd("2000000"), alert.getBaselineValueUsd(), "1,000 kg at the usual $2,000 per kg");
        assertEquals(0.1, alert.getRatio());
        assertEquals("CN→RU 854231 processors and controllers (CHPL Tier 1): $200.00 per kg in week of 2023-03-02"
                + " ($200k for 1,000 kg), 1/10.0 of the 6-week median $2000.00 per kg", alert.getSummary());
    }

    @Test
    void shouldRaiseAnOvervaluedWindowFromFiveTimes() {
        Alert alert = closeWeekZero(usualPast(), "1000000", "100");
        assertEquals(5.0, alert.getRatio());
        assertTrue(alert.getSummary().contains("5.0× the 6-week median $2000.00 per kg"), alert.getSummary());
        assertEquals(null, closeWeekZero(usualPast(), "999999", "100"), "just under 5×");
        assertEquals(null, closeWeekZero(usualPast(), "200000", "499"), "just over a fifth");
    }

    @Test
    void shouldStayQuietUnderTheFloorOnUncontrolledGoodsOrWithTooLittlePast() {
        assertEquals(null, closeWeekZero(usualPast(), "99999", "1000"), "$99,999 is under the $100k floor");

        FlowHistory uncontrolled = usualPast();
        ClosedWindow week0 = closed(window(0, "200000", "1000", false), flat("200000"), List.of());
        rule.remember(week0, uncontrolled);
        assertTrue(rule.whenClosed(week0, uncontrolled).isEmpty(), "controlled goods only by default");
        UnitValueRule everyFlow = new UnitValueRule(RuleSettings.defaults().withAllFlows(true), WEEKLY);
        assertTrue(everyFlow.whenClosed(week0, uncontrolled).isPresent(), "every flow with rules.scope=all");

        FlowHistory twoWeeks = Windows.history(-2, "200000", "200000");
        rule.remember(closed(window(-2, "200000", "100", true), flat("0"), TIER_1), twoWeeks);
        rule.remember(closed(window(-1, "200000", "100", true), flat("0"), TIER_1), twoWeeks);
        assertEquals(null, closeWeekZero(twoWeeks, "200000", "1000"), "two windows with goods of six are too few to judge by");
    }

    @Test
    void shouldJudgeAndRememberOnlyWindowsOfEnoughDeclarations() {
        FlowWindow single = window(0, "200000", "1000", true);
        single.setDeclarationCount(2);
        FlowHistory history = usualPast();
        ClosedWindow week0 = closed(single, flat("200000"), TIER_1);
        rule.remember(week0, history);
        assertTrue(rule.whenClosed(week0, history).isEmpty(), "two consignments are too few to speak for the flow");

        FlowHistory thinPast = Windows.history(-6);
        for (int k = -6; k <= -1; k++) {
            FlowWindow thin = window(k, "200000", "100", true);
            thin.setDeclarationCount(k % 2 == 0 ? 5 : 1);
            rule.remember(closed(thin, flat("0"), TIER_1), thinPast);
        }
        assertEquals(3, UnitValueRule.remembered(thinPast), "windows of one declaration are not kept");
        assertTrue(closeWeekZero(thinPast, "200000", "1000") != null, "three windows of six with enough declarations suffice");
    }

    @Test
    void shouldRaiseProvisionalWhileOpenFromTheRememberedWindows() {
        FlowHistory history = usualPast();
        FlowWindow running = window(0, "150000", "1500", true);
        OpenWindow open = new OpenWindow(running, TIER_1, Windows.GOODS, Thresholds.defaults(), () -> flat("200000"), () -> history);
        Alert provisional = rule.whileOpen(open).orElseThrow();
        assertEquals(AlertStatus.PROVISIONAL, provisional.getStatus());
        assertEquals(closeWeekZero(history, "200000", "1000").getAlertId(), provisional.getAlertId(), "one alert, open and closed");
    }

    @Test
    void shouldNotReadTheFlowsHistoryForAnOpenWindowUnderTheFloor() {
        // While open, the rule is asked about every declaration that adds to the window: a store read each time would cost.
        AtomicInteger reads = new AtomicInteger();
        FlowHistory history = usualPast();
        OpenWindow small = new OpenWindow(window(0, "50000", "1000", true), TIER_1, Windows.GOODS, Thresholds.defaults(),
                () -> flat("200000"), () -> {
                    reads.incrementAndGet();
                    return history;
                });
        assertTrue(rule.whileOpen(small).isEmpty());
        assertEquals(0, reads.get(), "under the $100k floor: nothing to read");
    }

    @Test
    void shouldKeepOnlyTheUnitValuesItJudgesBy() {
        FlowHistory history = usualPast();
        for (int k = 0; k < 20; k++) {
            rule.remember(closed(window(k, "200000", "100", true), flat("200000"), TIER_1), history);
        }
        assertTrue(history.getMemory().get("UNIT_VALUE").remaining() < 200, "seven windows' worth, not twenty-six");
        assertEquals(null, closeWeekZero(history, "200000", "100"));
    }

    @Test
    void shouldDeclareItsSettingsUnderRules() {
        RuleSettings settings = RuleProperties.apply(RuleSettings.defaults(), Map.of("rules.unit-value.ratio", "3",
                "rules.unit-value.floor.usd", "50_000"));
        assertEquals(3.0, settings.get(UnitValueRule.RATIO));
        assertEquals("3", RuleProperties.describe(settings).get("rules.unit-value.ratio"));
        assertEquals("rules.unit-value.ratio=1: must be above 1, was 1", org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> RuleProperties.apply(RuleSettings.defaults(), Map.of("rules.unit-value.ratio", "1")))
                .getMessage());
        assertTrue(Rules.ids().contains("UNIT_VALUE"));
    }

}
