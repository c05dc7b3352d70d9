package org.customssentinel.streams.detect;

import java.math.BigDecimal;

/**
 * When a TRANSSHIPMENT route fires (which routes count is {@link Sanctions}' business).
 *
 * @param floorUsd      a route's window value from which it fires
 * @param repeatWindows a route fires at most once per this many windows
 */
public record TransshipmentSettings(BigDecimal floorUsd, int repeatWindows) {

    public TransshipmentSettings {
        if (floorUsd.signum() <= 0) {
            throw new IllegalArgumentException("must be above zero, was " + floorUsd);
        }
        if (repeatWindows < 1) {
            throw new IllegalArgumentException("must be at least 1, was " + repeatWindows);
        }
    }

    public static TransshipmentSettings defaults() {
        return new TransshipmentSettings(new BigDecimal("50000"), 13);
    }

    public TransshipmentSettings withFloorUsd(BigDecimal floor) {
        return new TransshipmentSettings(floor, repeatWindows);
    }

    public TransshipmentSettings withRepeatWindows(int windows) {
        return new TransshipmentSettings(floorUsd, windows);
    }
}
