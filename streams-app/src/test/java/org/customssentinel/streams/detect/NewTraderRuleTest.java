package org.customssentinel.streams.detect;

import static org.customssentinel.streams.detect.Windows.WEEK;
import static org.customssentinel.streams.detect.Windows.WEEKLY;
import static org.customssentinel.streams.detect.Windows.usd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

import org.customssentinel.avro.Alert;
import org.customssentinel.avro.AlertStatus;
import org.customssentinel.avro.internal.TierActivity;
import org.customssentinel.avro.internal.TierWindow;
import org.customssentinel.avro.internal.TraderLedger;
import org.junit.jupiter.api.Test;

class NewTraderRuleTest {

    private final NewTraderRule rule = new NewTraderRule(RuleSettings.defaults(), WEEKLY);

    private static TraderLedger ledger() {
        return TraderLedger.newBuilder().setName("Steppe Nova Trading LLP").setFirstSeen(WEEK.plus(Duration.ofDays(2)))
                .setTiers(new HashMap<>()).setProvisionalTiers(new ArrayList<>()).build();
    }

    private static TierActivity tier(String... weekly) {
        List<TierWindow> windows = new ArrayList<>();
        for (int k = 0; k < weekly.length; k++) {
            windows.add(TierWindow.newBuilder().setWindowStart(WEEK.plus(Duration.ofDays(7L * k))).setValueUsd(usd(weekly[k]))
                    .setDeclarationCount(2).setFlowKey(k == 1 ? "AM|RU|854231" : "KZ|RU|854231").setGoodsDescription("Processors and controllers")
                    .setSampleDeclarationIds(List.of("D-" + (9 - k), "D-" + (20 + k))).build());
        }
        return TierActivity.newBuilder().setList(Windows.list("Tier 1")).setWindows(windows).build();
    }

    @Test
    void shouldCountTheAgeInWholeWindowsFromTheFirstDeclarationsWindow() {
        assertEquals(13, rule.periodWindows(), "P90D in weekly windows");
        assertEquals(WEEK.toEpochMilli(), rule.periodStart(ledger()));
        assertEquals(WEEK.plus(Duration.ofDays(91)).toEpochMilli(), rule.periodEnd(ledger()));
        assertEquals(1, new NewTraderRule(RuleSettings.defaults().with(NewTraderRule.AGE, Duration.ofDays(1)), WEEKLY).periodWindows());
    }

    @Test
    void shouldFireProvisionalThenFinalOncePerExporterAndTierFromTheFloor() {
        Alert provisional = rule.whileOpen("id:KZ42", ledger(), tier("100000", "150000")).orElseThrow();
        Alert fin = rule.whenClosed("id:KZ42", ledger(), tier("100000", "150000", "900000")).orElseThrow();

        assertEquals(AlertStatus.PROVISIONAL, provisional.getStatus());
        assertEquals(AlertStatus.FINAL, fin.getStatus());
        assertEquals(provisional.getAlertId(), fin.getAlertId(), "one alert per exporter and tier");
        assertEquals(AlertIds.of("NEW_TRADER", "id:KZ42", "CHPL:Tier 1"), fin.getAlertId());
        assertEquals(usd("1150000"), fin.getCurrentValueUsd());
        assertEquals("AM|RU|854231", fin.getFlow().getDispatchCountry() + "|" + fin.getFlow().getDestinationCountry() + "|"
                + fin.getFlow().getHsCode(), "filed on the smallest flow key its goods moved on, whatever arrived first");
        assertEquals(List.of("D-20", "D-21", "D-22", "D-7", "D-8", "D-9"), fin.getSampleDeclarationIds(), "the smallest ids");
        assertEquals("New exporter Steppe Nova Trading LLP, first declaration 2023-03-04: $1.15M of CHPL Tier 1 goods to restricted"
                + " destinations within 91 days (floor $250k), 6 declarations, e.g. AM→RU 854231 processors and controllers (CHPL Tier 1)",
                fin.getSummary());
    }

    @Test
    void shouldStayQuietUnderTheFloor() {
        assertTrue(rule.whileOpen("id:KZ42", ledger(), tier("100000", "149999.99")).isEmpty());
        assertTrue(rule.whenClosed("id:KZ42", ledger(), tier("249999.99")).isEmpty());
    }
}
