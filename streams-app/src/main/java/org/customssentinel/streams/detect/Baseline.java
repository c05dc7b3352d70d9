package org.customssentinel.streams.detect;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/** A flow's baseline: the median of its previous window totals, oldest first. */
public record Baseline(List<BigDecimal> previousTotals) {

    public Baseline {
        previousTotals = List.copyOf(previousTotals);
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
