package org.customssentinel.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One instance SIGKILLed again and again at seeded random points of a replay, each time started again on the same
 * state directory: the same FINAL alerts as a run never interrupted, none twice.
 */
@ExtendWith(FaultSuite.class)
class RepeatedCrashIT {

    private static final int KILLS = 10;

    private final FaultSuite.Context suite;

    RepeatedCrashIT(FaultSuite.Context suite) {
        this.suite = suite;
    }

    @AfterEach
    void clusterWhole() throws Exception {
        ClusterHealth.restoreAll(suite.cluster());
    }

    @Test
    void shouldRaiseTheSameAlertsNoneTwiceAfterTenKillsAndRestarts() throws Exception {
        Random random = suite.random("repeated-crash");
        Pipeline pipeline = suite.pipeline("repeated-crash");
        pipeline.loadReference();
        List<Long> killedAfter = new ArrayList<>();
        // Three years of event time in about 50 s: most kills fall while declarations still arrive.
        try (SentinelProcess produce = pipeline.produce(suite.scenario(), List.of("--speed", "1900000x", "--timeout", "PT3M"))) {
            for (int kill = 1; kill <= KILLS; kill++) {
                try (SentinelProcess streams = pipeline.streams("a", List.of())) {
                    streams.awaitOutput(Pipeline.PROCESSING, Duration.ofMinutes(2));
                    // From before the first commit to well into processing; the app resumes on what it committed.
                    long after = 200 + random.nextInt(4_000);
                    Thread.sleep(after);
                    assertTrue(streams.isAlive(), "alive until killed: " + streams.tail());
                    streams.kill();
                    killedAfter.add(after);
                }
            }
            System.out.printf("repeated crash: %d SIGKILLs, %s ms into processing after each start (seed %d)%n", KILLS, killedAfter,
                    suite.seed());
            try (SentinelProcess streams = pipeline.streams("a", List.of())) {
                streams.awaitOutput(Pipeline.STARTED, Duration.ofMinutes(2));
                assertEquals(0, produce.awaitExit(Duration.ofMinutes(5)), produce.tail());
                pipeline.awaitConsumed(Duration.ofMinutes(5));
                streams.stop(Duration.ofMinutes(1));
            }
        }
        Verdict.assertSameAsUninterrupted(suite, pipeline.outcome(), "one instance killed " + KILLS + " times", KILLS, null);
    }
}
