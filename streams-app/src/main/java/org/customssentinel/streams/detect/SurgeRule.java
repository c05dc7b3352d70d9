package org.customssentinel.streams.detect;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.customssentinel.avro.Alert;
import org.customssentinel.avro.AlertRule;
import org.customssentinel.avro.AlertStatus;
import org.customssentinel.avro.FlowWindow;
import org.customssentinel.avro.internal.FlowHistory;
import org.customssentinel.streams.flow.FlowKeys;
import org.customssentinel.streams.flow.WindowSettings;

/**
 * SURGE: the last M closed windows ({@code rules.surge.windows}) together reach {@code rules.surge.ratio} times the
 * same weeks a year earlier, or times M average windows of a reference period ({@code rules.surge.reference}, e.g. the
 * year before the sanctions), from {@code rules.surge.floor.usd}. At most once per M windows per flow; FINAL only,
 * since it compares closed windows.
 */
public final class SurgeRule implements WindowRule {

    private final RuleSettings rules;
    private final WindowSettings windows;

    public SurgeRule(RuleSettings rules, WindowSettings windows) {
        this.rules = rules;
        this.windows = windows;
    }

    @Override
    public AlertRule rule() {
        return AlertRule.SURGE;
    }

    @Override
    public Map<String, String> settingsUsed(Thresholds thresholds) {
        Map<String, String> used = new TreeMap<>();
        used.put("surge.windows", String.valueOf(rules.surgeWindows()));
        used.put("surge.ratio", RuleProperties.text(thresholds.surgeRatio()));
        used.put("surge.floor.usd", RuleProperties.text(thresholds.surgeFloorUsd()));
        rules.surgeReference().ifPresent(period -> used.put("surge.reference", period.toString()));
        used.put("scope", rules.allFlows() ? "all" : "controlled");
        return used;
    }

    @Override
    public void remember(ClosedWindow closed, FlowHistory history) {
        if (rules.surgeReference().isPresent() && inReference(closed.window().getWindowStart().toEpochMilli())) {
            history.setReferenceSum(history.getReferenceSum().add(closed.window().getTotalValueUsd()));
        }
    }

    @Override
    public Optional<Alert> whenClosed(ClosedWindow closed, FlowHistory history) {
        FlowWindow w = closed.window();
        long start = w.getWindowStart().toEpochMilli();
        int m = rules.surgeWindows();
        if (!(rules.allFlows() || w.getControlled())) {
            return Optional.empty();
        }
        if (history.getLastSurge() != null && start - history.getLastSurge().toEpochMilli() < m * windows.sizeMs()) {
            return Optional.empty();
        }
        Map<Long, BigDecimal> totals = Baseline.totalsByStart(history);
        long spanStart = start - (m - 1) * windows.sizeMs();
        List<BigDecimal> span = new ArrayList<>();
        BigDecimal spanTotal = BigDecimal.ZERO;
        for (int k = 0; k < m; k++) {
            BigDecimal total = totals.getOrDefault(spanStart + k * windows.sizeMs(), BigDecimal.ZERO);
            span.add(total);
            spanTotal = spanTotal.add(total);
        }
        if (spanTotal.compareTo(closed.thresholds().surgeFloorUsd()) < 0) {
            return Optional.empty();
        }
        BigDecimal comparison;
        String comparisonName;
        if (rules.surgeReference().isPresent()) {
            long slots = referenceSlots();
            comparison = slots == 0 ? BigDecimal.ZERO
                    : history.getReferenceSum().multiply(BigDecimal.valueOf(m)).divide(BigDecimal.valueOf(slots), 2, RoundingMode.HALF_EVEN);
            comparisonName = "the " + rules.surgeReference().get() + " average";
        } else {
            comparison = BigDecimal.ZERO;
            long earlier = spanStart - yearWindows() * windows.sizeMs();
            for (int k = 0; k < m; k++) {
                comparison = comparison.add(totals.getOrDefault(earlier + k * windows.sizeMs(), BigDecimal.ZERO));
            }
            comparisonName = "the same weeks a year earlier";
        }
        if (comparison.signum() <= 0
                || spanTotal.compareTo(comparison.multiply(BigDecimal.valueOf(closed.thresholds().surgeRatio()))) < 0) {
            return Optional.empty();
        }
        history.setLastSurge(w.getWindowStart());
        return Optional.of(alert(closed, Instant.ofEpochMilli(spanStart), spanTotal, comparison, comparisonName, span));
    }

    /** A year back, and the span before it. */
    @Override
    public long historyWindows() {
        return yearWindows() + rules.surgeWindows();
    }

    private Alert alert(ClosedWindow closed, Instant spanStart, BigDecimal spanTotal, BigDecimal comparison, String comparisonName,
                        List<BigDecimal> span) {
        FlowWindow last = closed.window();
        double ratio = spanTotal.divide(comparison, 6, RoundingMode.HALF_EVEN).doubleValue();
        String summary = String.format(Locale.ROOT, "%s: %s in the %d weeks to %s, %.1f× %s (%s)",
                AlertFactory.describe(last.getFlow(), closed.goods(), closed.lists()), Money.usd(spanTotal), rules.surgeWindows(),
                last.getWindowEnd().toString().substring(0, 10), ratio, comparisonName, Money.usd(comparison));
        return AlertFactory.base(AlertRule.SURGE, AlertStatus.FINAL, last.getFlow(), spanStart, last.getWindowEnd(), spanTotal, comparison,
                        ratio, summary, closed.lists())
                .setAlertId(AlertIds.of(AlertRule.SURGE.name(), FlowKeys.key(last.getFlow()), spanStart.toString()))
                .setPreviousWindowTotals(span)
                .setTopParties(last.getTopParties())
                .setSampleDeclarationIds(last.getSampleDeclarationIds())
                .build();
    }

    private boolean inReference(long windowStart) {
        ReferencePeriod period = rules.surgeReference().orElseThrow();
        return windowStart >= windows.startOf(period.from().toEpochMilli()) && windowStart < period.to().toEpochMilli();
    }

    private long referenceSlots() {
        ReferencePeriod period = rules.surgeReference().orElseThrow();
        long first = windows.startOf(period.from().toEpochMilli());
        return Math.max(0, (period.to().toEpochMilli() - first + windows.sizeMs() - 1) / windows.sizeMs());
    }

    /** How many windows make the 52 weeks a year-on-year comparison looks back. */
    private long yearWindows() {
        return Math.max(1, Math.round((double) Duration.ofDays(364).toMillis() / windows.sizeMs()));
    }
}
