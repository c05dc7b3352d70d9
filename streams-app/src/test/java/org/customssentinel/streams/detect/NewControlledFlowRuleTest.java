package org.customssentinel.streams.detect;

import static org.customssentinel.streams.detect.Windows.CANDIDATE;
import static org.customssentinel.streams.detect.Windows.TIER_1;
import static org.customssentinel.streams.detect.Windows.closed;
import static org.customssentinel.streams.detect.Windows.flat;
import static org.customssentinel.streams.detect.Windows.open;
import static org.customssentinel.streams.detect.Windows.window;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.customssentinel.avro.Alert;
import org.customssentinel.avro.AlertRule;
import org.customssentinel.avro.AlertStatus;
import org.customssentinel.avro.Severity;
import org.junit.jupiter.api.Test;

class NewControlledFlowRuleTest {

    private final NewControlledFlowRule rule = new NewControlledFlowRule();

    @Test
    void shouldFireOnControlledGoodsFromTheFloorWhereThereWasNothingBefore() {
        Alert provisional = rule.whileOpen(open(window(0, "100000", true), flat("0"), TIER_1, new AtomicInteger())).orElseThrow();
        Alert fin = rule.whenClosed(closed(window(0, "3000000", true), flat("0"), TIER_1), Windows.history(0)).orElseThrow();

        assertEquals(AlertStatus.PROVISIONAL, provisional.getStatus());
        assertEquals(AlertRule.NEW_CONTROLLED_FLOW, fin.getRule());
        assertEquals(provisional.getAlertId(), fin.getAlertId());
        assertEquals(AlertIds.of("NEW_CONTROLLED_FLOW", "CN|RU|854231", "2023-03-02T00:00:00Z"), fin.getAlertId());
        assertEquals("CN→RU 854231 processors and controllers (CHPL Tier 1): $3.00M in week of 2023-03-02, a new flow (nothing in the"
                + " previous 6 weeks)", fin.getSummary());
        assertNull(fin.getBaselineValueUsd());
        assertNull(fin.getRatio());
        assertEquals(Severity.HIGH, fin.getSeverity());
    }

    @Test
    void shouldStayQuietForAnOldFlowUncontrolledGoodsOrUnderTheFloor() {
        Baseline someHistory = new Baseline(List.of(Windows.usd("0"), Windows.usd("0"), Windows.usd("0"), Windows.usd("10"),
                Windows.usd("20"), Windows.usd("30")));
        assertTrue(rule.whenClosed(closed(window(0, "3000000", true), someHistory, TIER_1), Windows.history(0)).isEmpty());
        assertTrue(rule.whenClosed(closed(window(0, "3000000", false), flat("0"), List.of()), Windows.history(0)).isEmpty());
        assertTrue(rule.whenClosed(closed(window(0, "99999.99", true), flat("0"), TIER_1), Windows.history(0)).isEmpty());
    }

    @Test
    void shouldRateCandidateOnlyGoodsLow() {
        Alert alert = rule.whenClosed(closed(window(0, "300000", true), flat("0"), CANDIDATE), Windows.history(0)).orElseThrow();
        assertEquals(Severity.LOW, alert.getSeverity());
    }
}
