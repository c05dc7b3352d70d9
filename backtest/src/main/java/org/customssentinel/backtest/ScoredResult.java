package org.customssentinel.backtest;

import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.customssentinel.schemas.alert.AlertRules;

/** A setting's result with its score when labels were given. */
public record ScoredResult(BacktestResult result, Optional<Scorecard> score) {

    /**
     * The best of {@code results}: highest F1 of precision and recall, then fewer false positives, then the shorter
     * median delay; empty without labels.
     */
    public static Optional<ScoredResult> best(List<ScoredResult> results) {
        Comparator<ScoredResult> order = Comparator.<ScoredResult>comparingDouble(r -> r.score().orElseThrow().f1()).reversed()
                .thenComparingInt(r -> r.score().orElseThrow().falsePositives())
                .thenComparingLong(r -> r.score().orElseThrow().medianDelay().map(d -> d.toMillis()).orElse(Long.MAX_VALUE));
        return results.stream().filter(r -> r.score().isPresent()).min(order);
    }

    /** FINAL alerts per rule per month of their window, months in order. */
    public NavigableMap<YearMonth, Map<String, Long>> finalsByMonthAndRule() {
        return result.finals().stream().collect(Collectors.groupingBy(
                a -> YearMonth.from(a.alert().getWindowStart().atZone(ZoneOffset.UTC)), TreeMap::new,
                Collectors.groupingBy(a -> AlertRules.idOf(a.alert()), TreeMap::new, Collectors.counting())));
    }
}
