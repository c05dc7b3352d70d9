package org.customssentinel.streams.detect;

import static org.customssentinel.streams.detect.Windows.TIER_1;
import static org.customssentinel.streams.detect.Windows.closed;
import static org.customssentinel.streams.detect.Windows.flat;
import static org.customssentinel.streams.detect.Windows.open;
import static org.customssentinel.streams.detect.Windows.window;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.customssentinel.avro.Alert;
import org.customssentinel.avro.AlertRule;
import org.customssentinel.avro.AlertStatus;
import org.customssentinel.avro.Severity;
import org.junit.jupiter.api.Test;

class SpikeRuleTest {

    private final SpikeRule spike = new SpikeRule(RuleSettings.defaults());

    @Test
    void shouldFireProvisionalThenFinalWithOneIdAtTenTimesTheMedian() {
        Alert provisional = spike.whileOpen(open(window(0, "1000000", true), flat("100000"), TIER_1, new AtomicInteger())).orElseThrow();
        Alert fin = spike.whenClosed(closed(window(0, "1200000", true), flat("100000"), TIER_1), Windows.history(0)).orElseThrow();

        assertEquals(AlertStatus.PROVISIONAL, provisional.getStatus());
        assertEquals(AlertStatus.FINAL, fin.getStatus());
        assertEquals(AlertRule.SPIKE, fin.getRule());
        assertEquals(provisional.getAlertId(), fin.getAlertId(), "a window's PROVISIONAL and FINAL are one alert");
        assertEquals(AlertIds.of("SPIKE", "CN|RU|854231", "2023-03-02T00:00:00Z"), fin.getAlertId(), "ids of old replays stay");
        assertEquals("CN→RU 854231 processors and controllers (CHPL Tier 1): $1.20M in week of 2023-03-02, 12.0× the 6-week median $100k",
                fin.getSummary());
        assertEquals(12.0, fin.getRatio());
        assertEquals(Windows.usd("100000"), fin.getBaselineValueUsd());
        assertEquals(6, fin.getPreviousWindowTotals().size());
        assertEquals(Severity.HIGH, fin.getSeverity(), "CHPL Tier 1 goods");
    }

    @Test
    void shouldStayQuietBelowTheRatioTheFloorOrWithoutABaseline() {
        assertTrue(spike.whenClosed(closed(window(0, "999999", true), flat("100000"), TIER_1), Windows.history(0)).isEmpty(), "9.99×");
        assertTrue(spike.whenClosed(closed(window(0, "99999", true), flat("5000"), TIER_1), Windows.history(0)).isEmpty(),
                "20× but under the $100k floor");
        assertTrue(spike.whenClosed(closed(window(0, "5000000", true), flat("0"), TIER_1), Windows.history(0)).isEmpty(),
                "a new flow is NEW_CONTROLLED_FLOW's, not a spike");
    }

    @Test
    void shouldJudgeUncontrolledGoodsOnlyWithScopeAll() {
        assertTrue(spike.whenClosed(closed(window(0, "5000000", false), flat("100000"), List.of()), Windows.history(0)).isEmpty());
        SpikeRule everyFlow = new SpikeRule(RuleSettings.defaults().withAllFlows(true));
        Alert alert = everyFlow.whenClosed(closed(window(0, "5000000", false), flat("100000"), List.of()), Windows.history(0)).orElseThrow();
        assertEquals(Severity.MEDIUM, alert.getSeverity(), "uncontrolled goods at 50×: LOW one level up");
    }

    @Test
    void shouldReadTheFullBaselineOnlyWhenTheCarriedMedianSaysItFires() {
        AtomicInteger reads = new AtomicInteger();
        assertTrue(spike.whileOpen(open(window(0, "500000", true), flat("100000"), TIER_1, reads)).isEmpty());
        assertEquals(0, reads.get(), "5× does not fire: no history read");
        spike.whileOpen(open(window(0, "1000000", true), flat("100000"), TIER_1, reads)).orElseThrow();
        assertEquals(1, reads.get());
    }
}
