package org.customssentinel.schemas.topic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConsumedRateTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void shouldTimeTheSteadyRateFromRunningAndTheWarmUpShareToTheEnd() {
        ConsumedRate rate = new ConsumedRate(1_000, 0.25, 0);
        rate.sample(400, 1 * SECOND); // committed before RUNNING was seen: start-up, not steady
        rate.running(2 * SECOND);
        rate.sample(200, 3 * SECOND); // running, but still within the warm-up share
        rate.sample(300, 4 * SECOND); // the steady part starts here
        rate.sample(600, 5 * SECOND);
        rate.running(6 * SECOND);

        assertEquals(100.0, rate.withStart(10 * SECOND), 1e-9);
        assertEquals(700 / 6.0, rate.steady(10 * SECOND), 1e-9);
        assertEquals(2.0, rate.secondsToRunning(), 1e-9);
    }

    @Test
    void shouldHaveNoSteadyRateWhenTheRunEndedFirst() {
        ConsumedRate rate = new ConsumedRate(1_000, 0.25, 0);
        rate.running(SECOND);
        rate.sample(100, 2 * SECOND);
        rate.sample(1_000, 3 * SECOND); // all of it: nothing is left to time

        assertTrue(Double.isNaN(rate.steady(3 * SECOND)));
        assertTrue(Double.isNaN(new ConsumedRate(10, 0, 0).secondsToRunning()));
    }

    @Test
    void shouldRefuseAShareOutsideZeroToOne() {
        assertThrows(IllegalArgumentException.class, () -> new ConsumedRate(10, 1.0, 0));
        assertThrows(IllegalArgumentException.class, () -> new ConsumedRate(10, -0.1, 0));
        assertThrows(IllegalArgumentException.class, () -> new ConsumedRate(0, 0.25, 0));
    }
}
