package org.customssentinel.producer.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class PacingTest {

    @Test
    void shouldParseSpeeds() {
        assertEquals(Speed.MAX, Speed.parse("max"));
        assertEquals(Optional.of(3600.0), Speed.parse("3600x").factor());
        assertEquals("1x", Speed.parse("1X").toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Speed.parse("fast"));
        assertTrue(e.getMessage().contains("--speed") && e.getMessage().contains("'fast'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Speed.parse("0x"));
    }

    @Test
    void shouldReleaseAnHourOfEventTimePerSecondAt3600x() throws InterruptedException {
        long[] now = {1_000};
        List<Long> sleeps = new ArrayList<>();
        Pacer pacer = new Pacer(Speed.parse("3600x"), nanos -> {
            sleeps.add(nanos);
            now[0] += nanos;
        }, () -> now[0]);
        Instant t0 = Instant.parse("2022-03-24T08:00:00Z");
        pacer.await(t0);
        pacer.await(t0.plusSeconds(3600));
        pacer.await(t0.plusSeconds(1800));
        pacer.await(t0.plusSeconds(7200));
        assertEquals(List.of(1_000_000_000L, 1_000_000_000L), sleeps, "an hour of event time waits one second; earlier records do not wait");
    }

    @Test
    void shouldNeverWaitAtMaxSpeed() throws InterruptedException {
        Pacer pacer = new Pacer(Speed.MAX, nanos -> {
            throw new AssertionError("slept " + nanos);
        }, () -> 0);
        pacer.await(Instant.EPOCH);
        pacer.await(Instant.parse("2030-01-01T00:00:00Z"));
    }
}
