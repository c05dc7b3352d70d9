package org.customssentinel.streams.detect;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.customssentinel.avro.internal.FlowHistory;

/** A flow's baseline: the median of its previous window totals, oldest first. */
public record Baseline(List<BigDecimal> previousTotals) {

    public Baseline {
        previousTotals = List.copyOf(previousTotals);
    }

    /** A flow's closed window totals by window start; a window without declarations is absent (it counts as 0). */
    public static Map<Long, BigDecimal> totalsByStart(FlowHistory history) {
        Map<Long, BigDecimal> totals = new HashMap<>();
        history.getTotals().forEach(t -> totals.put(t.getWindowStart().toEpochMilli(), t.getTotalValueUsd()));
        return totals;
    }

    public BigDecimal median() {
        List<BigDecimal> sorted = new ArrayList<>(previousTotals);
        sorted.sort(null);
        int n = sorted.size();
        if (n == 0) {
            return BigDecimal.ZERO;
        }
        if (n % 2 == 1) {
            return sorted.get(n / 2);
        }
        return sorted.get(n / 2 - 1).add(sorted.get(n / 2)).divide(BigDecimal.valueOf(2), 2, RoundingMode.HALF_EVEN);
    }
}
