package org.customssentinel.streams.detect;

import java.math.BigDecimal;

/**
 * The thresholds one flow's windows are judged by: the defaults, or those configured for the control lists its goods
 * matched.
 *
 * @param baselineWindows N: the baseline is the median of the previous N window totals (empty windows count as 0)
 * @param spikeRatio      SPIKE when the window reaches this multiple of its baseline
 * @param floorUsd        SPIKE and NEW_CONTROLLED_FLOW only from this window total
 * @param surgeRatio      SURGE when the span total reaches this multiple of its comparison
 * @param surgeFloorUsd   SURGE only from this span total
 */
public record Thresholds(int baselineWindows, double spikeRatio, BigDecimal floorUsd, double surgeRatio, BigDecimal surgeFloorUsd) {

    public Thresholds {
        if (baselineWindows < 1) {
            throw new IllegalArgumentException("baseline windows must be at least 1, was " + baselineWindows);
        }
        if (!(spikeRatio > 1) || !(surgeRatio > 1)) {
            throw new IllegalArgumentException("rule ratios must be above 1, were " + spikeRatio + " and " + surgeRatio);
        }
        if (floorUsd.signum() < 0 || surgeFloorUsd.signum() < 0) {
            throw new IllegalArgumentException("floors cannot be negative");
        }
    }

    public static Thresholds defaults() {
        return new Thresholds(6, 10, new BigDecimal("100000"), 10, new BigDecimal("1000000"));
    }

    /**
     * Where several lists' thresholds apply, each setting takes its most sensitive value: the lower ratio and floor,
     * the shorter baseline (which reacts sooner).
     */
    public Thresholds mostSensitive(Thresholds other) {
        return new Thresholds(Math.min(baselineWindows, other.baselineWindows), Math.min(spikeRatio, other.spikeRatio),
                floorUsd.min(other.floorUsd), Math.min(surgeRatio, other.surgeRatio), surgeFloorUsd.min(other.surgeFloorUsd));
    }

    public Thresholds withBaselineWindows(int n) {
        return new Thresholds(n, spikeRatio, floorUsd, surgeRatio, surgeFloorUsd);
    }

    public Thresholds withSpikeRatio(double ratio) {
        return new Thresholds(baselineWindows, ratio, floorUsd, surgeRatio, surgeFloorUsd);
    }

    public Thresholds withFloorUsd(BigDecimal floor) {
        return new Thresholds(baselineWindows, spikeRatio, floor, surgeRatio, surgeFloorUsd);
    }

    public Thresholds withSurgeRatio(double ratio) {
        return new Thresholds(baselineWindows, spikeRatio, floorUsd, ratio, surgeFloorUsd);
    }

    public Thresholds withSurgeFloorUsd(BigDecimal floor) {
        return new Thresholds(baselineWindows, spikeRatio, floorUsd, surgeRatio, floor);
    }
}
