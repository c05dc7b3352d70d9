package org.customssentinel.streams.detect;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * The detection rules' thresholds.
 *
 * @param baselineWindows N: the baseline is the median of the previous N window totals (empty windows count as 0)
 * @param spikeRatio      SPIKE when the window reaches this multiple of its baseline
 * @param floorUsd        SPIKE and NEW_CONTROLLED_FLOW only from this window total
 * @param surgeWindows    M: SURGE compares the total of the last M closed windows
 * @param surgeRatio      SURGE when that total reaches this multiple of its comparison
 * @param surgeFloorUsd   SURGE only from this span total
 * @param surgeReference  compare with this period's average window total times M instead of the year before
 * @param allFlows        {@code rules.scope=all}: SPIKE and SURGE on every flow, not only controlled goods
 */
public record RuleSettings(int baselineWindows, double spikeRatio, BigDecimal floorUsd, int surgeWindows, double surgeRatio,
                           BigDecimal surgeFloorUsd, Optional<ReferencePeriod> surgeReference, boolean allFlows) {

    public RuleSettings {
        if (baselineWindows < 1 || surgeWindows < 1) {
            throw new IllegalArgumentException("rules need at least one window of history");
        }
        if (spikeRatio <= 1 || surgeRatio <= 1) {
            throw new IllegalArgumentException("rule ratios must be above 1");
        }
    }

    public static RuleSettings defaults() {
        return new RuleSettings(6, 10, new BigDecimal("100000"), 13, 10, new BigDecimal("1000000"), Optional.empty(), false);
    }

    public RuleSettings withSurgeReference(ReferencePeriod period) {
        return new RuleSettings(baselineWindows, spikeRatio, floorUsd, surgeWindows, surgeRatio, surgeFloorUsd, Optional.of(period), allFlows);
    }
}
