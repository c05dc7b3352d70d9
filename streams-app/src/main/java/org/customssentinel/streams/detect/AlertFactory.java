package org.customssentinel.streams.detect;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.customssentinel.avro.Alert;
import org.customssentinel.avro.AlertStatus;
import org.customssentinel.avro.FlowWindow;
import org.customssentinel.avro.ListReference;
import org.customssentinel.avro.PartyValue;
import org.customssentinel.avro.Severity;
import org.customssentinel.avro.TradeFlow;
import org.customssentinel.schemas.alert.AlertRules;
import org.customssentinel.streams.flow.FlowKeys;

/**
 * What every alert shares, whichever rule raised it: figures, comparison, parties, samples, lists, a severity from the
 * goods' lists, and the flow described for a person. Each rule words its own summary.
 */
public final class AlertFactory {

    private AlertFactory() {
    }

    /**
     * An alert on one window's figures against its baseline: SPIKE, NEW_CONTROLLED_FLOW, any rule judged on a window.
     * Its id is the rule, the flow and the window start, so every replay raises the same alert.
     */
    static Alert windowAlert(String rule, AlertStatus status, FlowWindow window, Baseline baseline, List<ListReference> lists,
                             String summary) {
        BigDecimal median = baseline.median();
        return base(rule, status, window.getFlow(), window.getWindowStart(), window.getWindowEnd(), window.getTotalValueUsd(),
                median.signum() > 0 ? median : null, ratio(window.getTotalValueUsd(), median), summary, lists)
                .setAlertId(AlertIds.of(rule, FlowKeys.key(window.getFlow()), window.getWindowStart().toString()))
                .setPreviousWindowTotals(baseline.previousTotals())
                .setTopParties(window.getTopParties())
                .setSampleDeclarationIds(window.getSampleDeclarationIds())
                .build();
    }

    /** {@code current / comparison}, or null when there is nothing to compare with. */
    static Double ratio(BigDecimal current, BigDecimal comparison) {
        return comparison.signum() > 0 ? current.divide(comparison, 6, RoundingMode.HALF_EVEN).doubleValue() : null;
    }

    /** The first day of the window, as summaries name it: {@code 2023-03-06}. */
    static String weekOf(FlowWindow window) {
        return window.getWindowStart().toString().substring(0, 10);
    }

    /** The top parties of a window, largest first, ties by name so replays agree. */
    public static List<PartyValue> topParties(Map<String, BigDecimal> values, int limit) {
        List<PartyValue> top = new ArrayList<>();
        values.entrySet().stream()
                .sorted(Map.Entry.<String, BigDecimal>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .limit(limit)
                .forEach(e -> top.add(PartyValue.newBuilder().setName(e.getKey()).setValueUsd(e.getValue()).build()));
        return top;
    }

    static Alert.Builder base(String rule, AlertStatus status, TradeFlow flow, Instant start, Instant end, BigDecimal current,
                                      BigDecimal baseline, Double ratio, String summary, List<ListReference> lists) {
        return Alert.newBuilder().setRule(AlertRules.symbolOf(rule)).setRuleId(rule).setStatus(status).setSeverity(severity(lists, ratio)).setFlow(flow)
                .setWindowStart(start).setWindowEnd(end).setCurrentValueUsd(current.setScale(2, RoundingMode.HALF_EVEN))
                .setBaselineValueUsd(baseline == null ? null : baseline.setScale(2, RoundingMode.HALF_EVEN)).setRatio(ratio)
                .setSummary(summary).setMatchedLists(lists);
    }

    /** Candidate-only goods LOW; listed goods MEDIUM; CHPL Tier 1 or 2 HIGH; one level up from 20× on. */
    static Severity severity(List<ListReference> lists, Double ratio) {
        int level = 0;
        for (ListReference list : lists) {
            boolean candidate = list.getCategory().toLowerCase(Locale.ROOT).contains("candidate");
            boolean topTier = list.getCategory().equals("Tier 1") || list.getCategory().equals("Tier 2");
            level = Math.max(level, candidate ? 0 : topTier ? 2 : 1);
        }
        if (ratio != null && ratio >= 20) {
            level++;
        }
        return Severity.values()[Math.min(level, Severity.values().length - 1)];
    }

    /** {@code CN→RU 854231 processors and controllers (CHPL Tier 1)}. */
    static String describe(TradeFlow flow, String goods, List<ListReference> lists) {
        return flow.getDispatchCountry() + "→" + flow.getDestinationCountry() + " " + describeGoods(flow.getHsCode(), goods, lists);
    }

    /** {@code 854231 processors and controllers (CHPL Tier 1)}. */
    static String describeGoods(String hsCode, String goods, List<ListReference> lists) {
        String listed = lists.isEmpty() ? "" : " (" + lists.get(0).getListId() + " " + lists.get(0).getCategory() + ")";
        String what = goods == null || goods.isBlank() ? "" : " " + shorten(goods);
        return hsCode + what + listed;
    }

    private static String shorten(String goods) {
        String lower = goods.toLowerCase(Locale.ROOT).replace("electronic integrated circuits: ", "").replace("electronic integrated circuits", "ICs");
        return lower.length() <= 48 ? lower : lower.substring(0, 47) + "…";
    }
}
