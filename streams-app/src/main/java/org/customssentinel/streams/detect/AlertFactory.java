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
import org.customssentinel.avro.AlertRule;
import org.customssentinel.avro.AlertStatus;
import org.customssentinel.avro.FlowWindow;
import org.customssentinel.avro.ListReference;
import org.customssentinel.avro.PartyMatch;
import org.customssentinel.avro.PartyValue;
import org.customssentinel.avro.Severity;
import org.customssentinel.avro.TradeFlow;
import org.customssentinel.streams.flow.FlowKeys;

/** Builds alerts that explain themselves: figures, comparison, parties, samples, lists, and one line for a person. */
public final class AlertFactory {

    private AlertFactory() {
    }

    /** SPIKE or NEW_CONTROLLED_FLOW on one window. */
    public static Alert windowAlert(AlertRule rule, AlertStatus status, FlowWindow window, Baseline baseline, List<ListReference> lists,
                                    String goods, int baselineWindows) {
        BigDecimal current = window.getTotalValueUsd();
        BigDecimal median = baseline.median();
        Double ratio = median.signum() > 0 ? current.divide(median, 6, RoundingMode.HALF_EVEN).doubleValue() : null;
        String flow = describe(window.getFlow(), goods, lists);
        String week = window.getWindowStart().toString().substring(0, 10);
        String summary = rule == AlertRule.SPIKE
                ? String.format(Locale.ROOT, "%s: %s in week of %s, %.1f× the %d-week median %s", flow, Money.usd(current), week,
                        ratio, baselineWindows, Money.usd(median))
                : String.format(Locale.ROOT, "%s: %s in week of %s, a new flow (nothing in the previous %d weeks)", flow,
                        Money.usd(current), week, baselineWindows);
        return base(rule, status, window.getFlow(), window.getWindowStart(), window.getWindowEnd(), current, median.signum() > 0 ? median : null,
                ratio, summary, lists)
                .setAlertId(AlertIds.of(rule.name(), FlowKeys.key(window.getFlow()), window.getWindowStart().toString()))
                .setPreviousWindowTotals(baseline.previousTotals())
                .setTopParties(window.getTopParties())
                .setSampleDeclarationIds(window.getSampleDeclarationIds())
                .build();
    }

    /** SURGE: the last M windows against the year before or a reference period. */
    public static Alert surge(TradeFlow flow, Instant spanStart, Instant spanEnd, BigDecimal spanTotal, BigDecimal comparison,
                              String comparisonName, List<BigDecimal> spanTotals, FlowWindow last, List<ListReference> lists,
                              String goods, int windows) {
        double ratio = spanTotal.divide(comparison, 6, RoundingMode.HALF_EVEN).doubleValue();
        String summary = String.format(Locale.ROOT, "%s: %s in the %d weeks to %s, %.1f× %s (%s)", describe(flow, goods, lists),
                Money.usd(spanTotal), windows, spanEnd.toString().substring(0, 10), ratio, comparisonName, Money.usd(comparison));
        return base(AlertRule.SURGE, AlertStatus.FINAL, flow, spanStart, spanEnd, spanTotal, comparison, ratio, summary, lists)
                .setAlertId(AlertIds.of(AlertRule.SURGE.name(), FlowKeys.key(flow), spanStart.toString()))
                .setPreviousWindowTotals(spanTotals)
                .setTopParties(last.getTopParties())
                .setSampleDeclarationIds(last.getSampleDeclarationIds())
                .build();
    }

    /** WATCHLIST_HIT: one per declaration and matched entry. */
    public static Alert watchlistHit(String declarationId, Instant lodgedAt, TradeFlow flow, BigDecimal value, PartyMatch match,
                                     List<ListReference> lists, String goods) {
        String role = match.getRole().name().charAt(0) + match.getRole().name().substring(1).toLowerCase(Locale.ROOT);
        String summary = String.format(Locale.ROOT, "%s \"%s\" matches %s entry \"%s\"%s on declaration %s: %s, %s", role,
                match.getPartyName(), match.getListId(), match.getMatchedName(),
                match.getProgram() == null ? "" : " (" + match.getProgram() + ")", declarationId, describe(flow, goods, lists), Money.usd(value));
        Severity severity = lists.stream().anyMatch(l -> !l.getCategory().contains("candidate")) ? Severity.CRITICAL : Severity.HIGH;
        return Alert.newBuilder()
                .setAlertId(AlertIds.of(AlertRule.WATCHLIST_HIT.name(), declarationId, match.getListId() + ":" + match.getEntryId(),
                        match.getRole().name()))
                .setRule(AlertRule.WATCHLIST_HIT).setStatus(AlertStatus.FINAL).setSeverity(severity).setFlow(flow)
                .setWindowStart(lodgedAt).setWindowEnd(lodgedAt).setCurrentValueUsd(value.setScale(2, RoundingMode.HALF_EVEN))
                .setBaselineValueUsd(null).setRatio(null).setSummary(summary).setMatchedLists(lists)
                .setPartyMatches(List.of(match)).setSampleDeclarationIds(List.of(declarationId))
                .build();
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

    private static Alert.Builder base(AlertRule rule, AlertStatus status, TradeFlow flow, Instant start, Instant end, BigDecimal current,
                                      BigDecimal baseline, Double ratio, String summary, List<ListReference> lists) {
        return Alert.newBuilder().setRule(rule).setStatus(status).setSeverity(severity(lists, ratio)).setFlow(flow)
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
    private static String describe(TradeFlow flow, String goods, List<ListReference> lists) {
        String listed = lists.isEmpty() ? "" : " (" + lists.get(0).getListId() + " " + lists.get(0).getCategory() + ")";
        String what = goods == null || goods.isBlank() ? "" : " " + shorten(goods);
        return flow.getDispatchCountry() + "→" + flow.getDestinationCountry() + " " + flow.getHsCode() + what + listed;
    }

    private static String shorten(String goods) {
        String lower = goods.toLowerCase(Locale.ROOT).replace("electronic integrated circuits: ", "").replace("electronic integrated circuits", "ICs");
        return lower.length() <= 48 ? lower : lower.substring(0, 47) + "…";
    }
}
