package org.customssentinel.streams.detect;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * When NEW_TRADER fires.
 *
 * @param age      how long after its first declaration an exporter counts as new
 * @param floorUsd controlled goods to restricted destinations, per list tier, from which a new exporter fires
 */
public record NewTraderSettings(Duration age, BigDecimal floorUsd) {

    public NewTraderSettings {
        if (age.isNegative() || age.isZero()) {
            throw new IllegalArgumentException("must be a positive duration such as P90D, was " + age);
        }
        if (floorUsd.signum() <= 0) {
            throw new IllegalArgumentException("must be above zero, was " + floorUsd);
        }
    }

    public static NewTraderSettings defaults() {
        return new NewTraderSettings(Duration.ofDays(90), new BigDecimal("250000"));
    }

    public NewTraderSettings withAge(Duration newAge) {
        return new NewTraderSettings(newAge, floorUsd);
    }

    public NewTraderSettings withFloorUsd(BigDecimal floor) {
        return new NewTraderSettings(age, floor);
    }
}
